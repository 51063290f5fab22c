import { useState, type FormEvent } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { useLogin, useSession } from "../../api/auth";
import { isApiError } from "../../api/http";
import { getConfig } from "../../config";
import { AuthCard, inputClass, primaryButtonClass } from "./AuthCard";
import { safeNext } from "./safeNext";

function loginErrorText(error: unknown): string {
  if (isApiError(error)) {
    if (error.kind === "network") return "Cannot reach the server. Check your connection and try again.";
    if (error.fieldErrors.username || error.fieldErrors.password) return "Enter your username or email and your password.";
    return error.message;
  }
  return "Sign-in failed. Please try again.";
}

export default function LoginPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const session = useSession();
  const navigate = useNavigate();
  const loginMutation = useLogin();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");

  if (session && !loginMutation.isPending && !loginMutation.isSuccess) return <Navigate to={next} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    loginMutation.mutate(
      { username: username.trim(), password },
      { onSuccess: () => void navigate(next, { replace: true }) },
    );
  };

  const registerLink = getConfig().publicRegister ? (
    <>
      New here?{" "}
      <Link to={`/register${params.get("next") ? `?next=${encodeURIComponent(next)}` : ""}`} className="font-medium text-indigo-700 hover:underline">
        Create an account
      </Link>
    </>
  ) : undefined;

  return (
    <AuthCard title="Sign in" subtitle="Use your Taiga account." footer={registerLink}>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        {loginMutation.isError && (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {loginErrorText(loginMutation.error)}
          </div>
        )}
        <div>
          <label htmlFor="login-username" className="mb-1 block text-sm font-medium text-slate-700">
            Username or email
          </label>
          <input
            id="login-username"
            name="username"
            autoComplete="username"
            autoFocus
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            className={inputClass}
          />
        </div>
        <div>
          <label htmlFor="login-password" className="mb-1 block text-sm font-medium text-slate-700">
            Password
          </label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            className={inputClass}
          />
        </div>
        <button type="submit" className={primaryButtonClass} disabled={loginMutation.isPending || !username.trim() || !password}>
          {loginMutation.isPending ? "Logging in…" : "Log in"}
        </button>
      </form>
    </AuthCard>
  );
}
