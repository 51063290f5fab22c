import { useState, type FormEvent } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { useRegister, useSession } from "../../api/auth";
import { isApiError, type ApiError } from "../../api/http";
import { getConfig } from "../../config";
import { AuthCard, inputClass, primaryButtonClass } from "./AuthCard";
import { safeNext } from "./safeNext";

type Field = "username" | "full_name" | "email" | "password";

const FIELDS: { name: Field; label: string; type: string; autoComplete: string; hint?: string }[] = [
  { name: "full_name", label: "Full name", type: "text", autoComplete: "name" },
  { name: "username", label: "Username", type: "text", autoComplete: "username", hint: "Letters, numbers and . - _" },
  { name: "email", label: "Email", type: "email", autoComplete: "email" },
  { name: "password", label: "Password", type: "password", autoComplete: "new-password", hint: "At least 6 characters" },
];

function generalError(error: unknown): string | null {
  if (!error) return null;
  if (isApiError(error)) {
    if (error.kind === "network") return "Cannot reach the server. Check your connection and try again.";
    const fieldNames = Object.keys(error.fieldErrors);
    const onlyKnownFields = fieldNames.length > 0 && fieldNames.every((f) => FIELDS.some((x) => x.name === f));
    if (onlyKnownFields && !error.nonFieldErrors.length) return "Please correct the fields below.";
    return error.message;
  }
  return "Registration failed. Please try again.";
}

export default function RegisterPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const session = useSession();
  const navigate = useNavigate();
  const mutation = useRegister();
  const [values, setValues] = useState<Record<Field, string>>({ username: "", full_name: "", email: "", password: "" });
  const [accepted, setAccepted] = useState(false);

  if (session && !mutation.isPending && !mutation.isSuccess) return <Navigate to={next} replace />;

  if (!getConfig().publicRegister) {
    return (
      <AuthCard title="Registration is closed" footer={<Link to="/login" className="font-medium text-indigo-700 hover:underline">Back to sign in</Link>}>
        <p className="text-sm text-slate-600">This server does not accept new accounts. Ask an administrator for an invitation.</p>
      </AuthCard>
    );
  }

  const apiError = isApiError(mutation.error) ? (mutation.error as ApiError) : null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(
      { username: values.username.trim(), full_name: values.full_name.trim(), email: values.email.trim(), password: values.password, accepted_terms: accepted },
      { onSuccess: () => void navigate(next, { replace: true }) },
    );
  };

  const message = generalError(mutation.error);
  return (
    <AuthCard
      title="Create your account"
      footer={
        <>
          Already have an account?{" "}
          <Link to="/login" className="font-medium text-indigo-700 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        {message && (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {message}
          </div>
        )}
        {FIELDS.map((field) => {
          const fieldError = apiError?.fieldError(field.name);
          const id = `register-${field.name}`;
          return (
            <div key={field.name}>
              <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
                {field.label}
              </label>
              <input
                id={id}
                name={field.name}
                type={field.type}
                autoComplete={field.autoComplete}
                required
                value={values[field.name]}
                aria-invalid={fieldError ? true : undefined}
                aria-describedby={fieldError ? `${id}-error` : field.hint ? `${id}-hint` : undefined}
                onChange={(e) => setValues((v) => ({ ...v, [field.name]: e.target.value }))}
                className={inputClass}
              />
              {fieldError ? (
                <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
                  {fieldError}
                </p>
              ) : (
                field.hint && (
                  <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
                    {field.hint}
                  </p>
                )
              )}
            </div>
          );
        })}
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-indigo-600" />
          <span>I accept the terms of service and the privacy policy</span>
        </label>
        <button type="submit" className={primaryButtonClass} disabled={mutation.isPending}>
          {mutation.isPending ? "Creating account…" : "Create account"}
        </button>
      </form>
    </AuthCard>
  );
}
