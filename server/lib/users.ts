/** User rows and their JSON shapes (`/users/me`, login answer, `*_extra_info`, members). */
import { createHash } from "node:crypto";
import type { Db } from "../db";
import { formatDateTime } from "./dates";

export interface UserRow {
  id: number;
  username: string;
  email: string;
  full_name: string;
  password: string;
  color: string;
  bio: string;
  lang: string;
  theme: string;
  timezone: string;
  photo: string | null;
  uuid: string;
  is_active: number;
  is_superuser: number;
  accepted_terms: number;
  read_new_terms: number;
  verified_email: number;
  date_joined: string;
}

export function getUser(db: Db, id: number): UserRow | undefined {
  return db.prepare("SELECT * FROM users WHERE id = ?").get(id) as UserRow | undefined;
}

/** Finds an active user by username or e-mail, case-insensitively (login). */
export function findUserForLogin(db: Db, login: string): UserRow | undefined {
  return db
    .prepare("SELECT * FROM users WHERE (username = ? COLLATE NOCASE OR email = ? COLLATE NOCASE) AND is_active = 1 ORDER BY id LIMIT 1")
    .get(login, login) as UserRow | undefined;
}

export const gravatarId = (email: string): string => createHash("md5").update(email.trim().toLowerCase()).digest("hex");

export const fullNameDisplay = (u: Pick<UserRow, "full_name" | "username">): string => u.full_name || u.username;

/** The "user admin" serializer used by `/users/me`, login and register. */
export function serializeMe(db: Db, u: UserRow): Record<string, unknown> {
  const roles = db
    .prepare(
      "SELECT DISTINCT r.name FROM memberships m JOIN roles r ON r.id = m.role_id WHERE m.user_id = ? ORDER BY r.name",
    )
    .all(u.id) as { name: string }[];
  const owned = db
    .prepare("SELECT SUM(is_private) AS priv, SUM(1 - is_private) AS pub FROM projects WHERE owner_id = ?")
    .get(u.id) as { priv: number | null; pub: number | null };
  return {
    ...serializeUser(db, u),
    roles: roles.map((r) => r.name),
    total_private_projects: owned.priv ?? 0,
    total_public_projects: owned.pub ?? 0,
    email: u.email,
    uuid: u.uuid,
    date_joined: formatDateTime(u.date_joined),
    read_new_terms: u.read_new_terms === 1,
    accepted_terms: u.accepted_terms === 1,
    max_private_projects: null,
    max_public_projects: null,
    max_memberships_private_projects: null,
    max_memberships_public_projects: null,
    verified_email: u.verified_email === 1,
  };
}

/** The public user serializer (`GET /users/{id}`). */
export function serializeUser(db: Db, u: UserRow): Record<string, unknown> {
  const roles = db
    .prepare("SELECT DISTINCT r.name FROM memberships m JOIN roles r ON r.id = m.role_id WHERE m.user_id = ? ORDER BY r.name")
    .all(u.id) as { name: string }[];
  return {
    id: u.id,
    username: u.username,
    full_name: u.full_name,
    full_name_display: fullNameDisplay(u),
    color: u.color,
    bio: u.bio,
    lang: u.lang,
    theme: u.theme,
    timezone: u.timezone,
    is_active: u.is_active === 1,
    photo: u.photo,
    big_photo: u.photo,
    gravatar_id: gravatarId(u.email),
    roles: roles.map((r) => r.name),
  };
}

/** `owner_extra_info` / `assigned_to_extra_info` shape. */
export function userExtraInfo(u: UserRow | undefined | null): Record<string, unknown> | null {
  if (!u) return null;
  return {
    username: u.username,
    full_name_display: fullNameDisplay(u),
    photo: u.photo,
    big_photo: u.photo,
    gravatar_id: gravatarId(u.email),
    is_active: u.is_active === 1,
    id: u.id,
  };
}
