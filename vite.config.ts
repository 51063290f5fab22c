import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";

const apiPort = process.env.API_PORT ?? "8787";

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    proxy: {
      "/api": `http://127.0.0.1:${apiPort}`,
      "/media": `http://127.0.0.1:${apiPort}`,
    },
  },
  build: {
    target: "es2022",
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Every page needs React, the router and the query client: one chunk instead of several
          // small ones saves their per-file overhead on the first load.
          groups: [
            { name: "vendor", test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack[\\/](react-query|query-core))[\\/]/ },
            // Likewise the transport, the session and the small components every signed-in page shows.
            {
              name: "core",
              test: /src[\\/](api[\\/](http|session|keys|auth|projects)\.ts|components[\\/](Spinner|ErrorMessage|EmptyState|Avatar|toast)\.tsx)$/,
            },
          ],
        },
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "jsdom",
          include: ["src/**/*.test.{ts,tsx}"],
          setupFiles: ["src/test/setup.ts"],
          // Whole-app tests load the lazy routes' modules on first use; on a busy 2-core machine that
          // alone can pass Vitest's 5 s default.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "server",
          environment: "node",
          include: ["server/**/*.test.ts"],
          pool: "forks",
        },
      },
    ],
  },
});
