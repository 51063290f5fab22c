import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { loadJson } from "./api/http";
import { App } from "./app/App";
import { ConfigErrorScreen } from "./app/ConfigError";
import "./app/index.css";
import { loadConfig } from "./config";

const root = createRoot(document.getElementById("root")!);

try {
  await loadConfig(loadJson);
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} catch (error) {
  root.render(<ConfigErrorScreen message={error instanceof Error ? error.message : String(error)} />);
}
