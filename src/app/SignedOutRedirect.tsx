import { useEffect, useRef } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useLocation, useNavigate } from "react-router";
import { configureTransport } from "../api/http";

/** A refused refresh signs out: drop every cached answer and go back to sign-in, returning here afterwards. */
export function SignedOutRedirect() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = useRef({ navigate, pathname });
  useEffect(() => {
    current.current = { navigate, pathname };
  }, [navigate, pathname]);

  useEffect(() => {
    configureTransport({
      onSignedOut: (next) => {
        queryClient.clear();
        if (current.current.pathname === "/login") return;
        void current.current.navigate(`/login?next=${encodeURIComponent(next)}`, { replace: true });
      },
    });
  }, [queryClient]);
  return null;
}
