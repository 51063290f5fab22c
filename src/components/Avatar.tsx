export interface AvatarUser {
  full_name_display?: string | null;
  full_name?: string | null;
  username?: string | null;
  photo?: string | null;
  color?: string | null;
}

const SIZES = { sm: "h-6 w-6 text-[10px]", md: "h-8 w-8 text-xs", lg: "h-10 w-10 text-sm" } as const;
const PALETTE = ["#6366f1", "#0ea5e9", "#10b981", "#f59e0b", "#ef4444", "#8b5cf6", "#14b8a6", "#ec4899"];

export function displayName(user: AvatarUser | null | undefined): string {
  return user?.full_name_display || user?.full_name || user?.username || "Unknown user";
}

/** Up to two initials: "Ana Lopez" -> "AL", "admin" -> "A". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return "?";
  const first = words[0]?.[0] ?? "";
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? "") : "";
  return (first + last).toUpperCase();
}

function colourFor(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length] ?? "#6366f1";
}

export function Avatar({ user, size = "md", className = "" }: { user: AvatarUser | null | undefined; size?: keyof typeof SIZES; className?: string }) {
  const name = displayName(user);
  if (user?.photo) {
    return <img src={user.photo} alt={name} className={`${SIZES[size]} shrink-0 rounded-full object-cover ${className}`} />;
  }
  const background = user?.color && /^#[0-9a-f]{3,8}$/i.test(user.color) ? user.color : colourFor(name);
  return (
    <span
      role="img"
      aria-label={name}
      title={name}
      className={`${SIZES[size]} inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white ${className}`}
      style={{ backgroundColor: background }}
    >
      {initials(name)}
    </span>
  );
}
