import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { audio, file, image } from "../../../src/server/content/index.js";
import { HEADS, PNG, UNKNOWN } from "../../fixtures/content/samples.js";

/*
 * The MIME type of image(), audio() and file(): options.mimeType > sniffed from the bytes > the file
 * name's extension > the declared type (Content-Type, Blob type) > error (image, audio) or
 * application/octet-stream (file). URL-specific cases are in url-source.test.ts.
 */

const typeOf = async (descriptor: ReturnType<typeof image | typeof audio>): Promise<string> =>
  (await descriptor.resolve()).mimeType;

describe("MIME type precedence", { timeout: 5000 }, () => {
  it("takes options.mimeType over everything, without checking it", async () => {
    expect(await typeOf(image(PNG, { mimeType: "image/x-custom" }))).toBe("image/x-custom");
    expect(await typeOf(image(HEADS["application/pdf"], { mimeType: "application/pdf" }))).toBe(
      "application/pdf",
    );
    const named = await file(PNG, { name: "pixel.bin", mimeType: "text/plain" }).resolve();
    expect(named.resource.mimeType).toBe("text/plain");
  });

  it("takes the sniffed type over the name and the Blob type", async () => {
    const misnamed = new File([PNG], "photo.jpg", { type: "image/gif" });
    expect(await typeOf(image(misnamed))).toBe("image/png");
    expect((await file(PNG, { name: "photo.jpg" }).resolve()).resource.mimeType).toBe("image/png");
  });

  it("takes the name over the Blob type", async () => {
    expect(await typeOf(image(new File([UNKNOWN], "photo.webp", { type: "image/gif" })))).toBe("image/webp");
  });

  it("takes the Blob type when nothing else tells", async () => {
    expect(await typeOf(audio(new Blob([UNKNOWN], { type: "Audio/X-Test;rate=8000" })))).toBe("audio/x-test");
  });

  it("lets a specific name refine a ZIP signature, but not a text name", async () => {
    const zip = HEADS["application/zip"];
    const docx = await file(zip, { name: "memo.docx" }).resolve();
    expect(docx.resource.mimeType).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect((await file(zip, { name: "memo.txt" }).resolve()).resource.mimeType).toBe("application/zip");
  });

  it("treats MP4 and WebM containers as audio in audio()", async () => {
    expect(await typeOf(audio(HEADS["video/mp4"]))).toBe("audio/mp4");
    expect(await typeOf(audio(HEADS["video/webm"]))).toBe("audio/webm");
    expect(await typeOf(audio(HEADS["audio/mp4"]))).toBe("audio/mp4");
    expect((await file(HEADS["video/mp4"]).resolve()).resource.mimeType).toBe("video/mp4");
  });

  it("fails for an image or audio whose type is unknown", async () => {
    await expect(image(UNKNOWN).resolve()).rejects.toThrow(
      "image(): cannot tell the MIME type of the image (no known signature, file extension or Content-Type); pass options.mimeType",
    );
    await expect(audio({ base64: "AQID" }).resolve()).rejects.toThrow(/audio\(\): cannot tell the MIME type/);
  });

  it("fails for data of another family, pointing to file()", async () => {
    await expect(image(HEADS["application/pdf"]).resolve()).rejects.toThrow(
      "image(): the data is application/pdf, not an image; use file() for it, or pass options.mimeType to override",
    );
    await expect(audio(PNG).resolve()).rejects.toThrow("audio(): the data is image/png, not audio");
  });

  it("falls back to application/octet-stream for file()", async () => {
    expect((await file(UNKNOWN).resolve()).resource.mimeType).toBe("application/octet-stream");
  });

  it("accepts bytes from another realm (vm context)", async () => {
    const foreign = runInNewContext("new Uint8Array(bytes)", { bytes: [...PNG] }) as Uint8Array;
    expect(foreign instanceof Uint8Array).toBe(false);
    expect(await typeOf(image(foreign))).toBe("image/png");
    const buffer = runInNewContext("new Uint8Array(bytes).buffer", { bytes: [...PNG] }) as ArrayBuffer;
    expect(await typeOf(image(buffer))).toBe("image/png");
  });
});
