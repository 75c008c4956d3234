/**
 * Images: a tool that returns an image. `create_thumbnail` shrinks a BMP to fit 100x100 and
 * returns it as PNG; `image(bytes)` sends it, its MIME type sniffed from the bytes.
 *
 * Python's version uses PIL. Here a small dependency-free codec (./lib/bitmap.ts) reads
 * uncompressed 24/32-bit BMP only; use an image library (e.g. sharp) for real formats.
 *
 * Run: npx tsx examples/images.ts
 */
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { McpServer, ToolError, image } from "mcpkit";
import { z } from "zod";
import { decodeBmp, encodePng, thumbnail } from "./lib/bitmap.js";

export const mcp = new McpServer({ name: "My App", version: "1.0.0" });

// Reads any file the server process may read, as the Python example does: serve trusted clients only.
mcp.tool(
  "create_thumbnail",
  { description: "Create a thumbnail from an image", input: z.object({ image_path: z.string() }) },
  async ({ image_path }) => {
    let bitmap;
    try {
      bitmap = decodeBmp(await readFile(image_path));
    } catch (error) {
      throw new ToolError(`Cannot make a thumbnail of ${image_path}: ${(error as Error).message}`);
    }
    return image(encodePng(thumbnail(bitmap, 100)));
  },
);

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await mcp.run();
