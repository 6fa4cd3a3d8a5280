import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

// The pages are served by the ASP.NET Core host from src/Web/wwwroot (the build output goes
// there); `npm run dev` proxies the API and the hubs to a host started on port 5080.
const host = "http://127.0.0.1:5080";

export default defineConfig({
  base: "/",
  plugins: [preact()],
  build: {
    outDir: "../wwwroot",
    emptyOutDir: true,
    target: "es2020",
    sourcemap: false,
  },
  server: {
    proxy: {
      "/api": host,
      "/health": host,
      "/hubs": { target: host, ws: true },
    },
  },
});
