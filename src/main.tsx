import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { loadJson } from "./api/http";
import { App } from "./app/App";
import { ConfigErrorScreen } from "./app/ConfigError";
import { preloadRoute } from "./app/router";
import "./app/index.css";
import { loadConfig } from "./config";

const root = createRoot(document.getElementById("root")!);

try {
  // The first page's chunks load while the configuration does.
  const chunks = preloadRoute(window.location.pathname);
  await loadConfig(loadJson);
  await chunks;
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} catch (error) {
  root.render(<ConfigErrorScreen message={error instanceof Error ? error.message : String(error)} />);
}
