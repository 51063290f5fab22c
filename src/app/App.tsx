import { useEffect, useState } from "react";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { RouterProvider } from "react-router";
import { configureTransport } from "../api/http";
import { ToastProvider } from "../components/toast";
import { createQueryClient } from "./queryClient";
import { createRouter } from "./router";

type Router = ReturnType<typeof createRouter>;

export function App({ queryClient: given, router: givenRouter }: { queryClient?: QueryClient; router?: Router } = {}) {
  const [queryClient] = useState(() => given ?? createQueryClient());
  const [router] = useState(() => givenRouter ?? createRouter());

  useEffect(() => {
    // A refused refresh signs out: drop every cached answer and go back to sign-in, returning here afterwards.
    configureTransport({
      onSignedOut: (next) => {
        queryClient.clear();
        if (router.state.location.pathname === "/login") return;
        void router.navigate(`/login?next=${encodeURIComponent(next)}`, { replace: true });
      },
    });
  }, [queryClient, router]);

  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>
  );
}
