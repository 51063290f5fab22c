import { useNavigate } from "react-router";
import { useLogout, useMe } from "../api/auth";
import { Avatar, displayName } from "../components/Avatar";
import { Menu } from "../components/Menu";

export function UserMenu() {
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const user = me.data;
  return (
    <Menu
      label="Account menu"
      button={
        <>
          <Avatar user={user} size="md" />
          <span className="hidden text-sm font-medium text-slate-700 sm:inline">{user ? displayName(user) : "…"}</span>
        </>
      }
      header={
        user && (
          <>
            <p className="font-medium text-slate-900">{displayName(user)}</p>
            <p className="truncate text-slate-500">{user.email || `@${user.username}`}</p>
          </>
        )
      }
      items={[
        { label: "Your projects", onSelect: () => navigate("/projects") },
        {
          label: "Log out",
          danger: true,
          onSelect: () => {
            logout();
            navigate("/login", { replace: true });
          },
        },
      ]}
    />
  );
}
