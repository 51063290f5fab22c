/** How item values read to a person: names instead of ids, dates, sizes. */
import type { ReactNode } from "react";
import type { Project, TagTuple, User } from "../api/types";
import type { ItemKind } from "./itemKinds";
import { statusesOf } from "./itemKinds";

export const FIELD_LABELS: Record<string, string> = {
  subject: "Subject",
  description: "Description",
  status: "Status",
  assigned_to: "Assigned to",
  assigned_users: "Assigned users",
  points: "Points",
  tags: "Tags",
  is_blocked: "Blocked",
  blocked_note: "Blocked reason",
  due_date: "Due date",
  type: "Type",
  severity: "Severity",
  priority: "Priority",
  milestone: "Sprint",
  watchers: "Watchers",
};

export const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field.replace(/_/g, " ");

export function userName(users: readonly Pick<User, "id" | "full_name_display" | "username">[], id: unknown): string {
  const user = users.find((u) => u.id === id);
  return user ? user.full_name_display || user.username : `User ${String(id)}`;
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return "";
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

export function formatDateTime(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A value of a field as the conflict prompt shows it. */
export function formatFieldValue(kind: ItemKind, project: Project, users: readonly Pick<User, "id" | "full_name_display" | "username">[], field: string, value: unknown): ReactNode {
  const none = <span className="italic text-slate-500">(empty)</span>;
  if (value === null || value === undefined || value === "") return none;
  switch (field) {
    case "status":
      return statusesOf(kind, project).find((s) => s.id === value)?.name ?? String(value);
    case "assigned_to":
      return userName(users, value);
    case "assigned_users":
      return Array.isArray(value) && value.length ? value.map((id) => userName(users, id)).join(", ") : none;
    case "tags":
      return Array.isArray(value) && value.length ? (value as (TagTuple | string)[]).map((t) => (Array.isArray(t) ? t[0] : t)).join(", ") : none;
    case "points":
      return Object.entries(value as Record<string, number>)
        .map(([role, pointId]) => {
          const roleName = project.roles.find((r) => String(r.id) === role)?.name ?? role;
          return `${roleName}: ${project.points.find((p) => p.id === pointId)?.name ?? "?"}`;
        })
        .join(", ");
    case "is_blocked":
      return value ? "Blocked" : "Not blocked";
    case "due_date":
      return formatDate(String(value));
    case "type":
      return project.issue_types.find((t) => t.id === value)?.name ?? String(value);
    case "severity":
      return project.severities.find((t) => t.id === value)?.name ?? String(value);
    case "priority":
      return project.priorities.find((t) => t.id === value)?.name ?? String(value);
    default:
      return typeof value === "string" ? value : JSON.stringify(value);
  }
}
