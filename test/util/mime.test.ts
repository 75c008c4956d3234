import { describe, expect, it } from "vitest";
import { mimeTypeFromName, sniffMimeType } from "../../src/util/mime.js";
import { HEADS, MP3_FRAME, UNKNOWN } from "../fixtures/content/samples.js";

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

describe("sniffMimeType", () => {
  it.each(Object.entries(HEADS))("recognises %s", (type, bytes) => {
    expect(sniffMimeType(bytes)).toBe(type);
  });

  it("recognises an MP3 frame without an ID3 tag", () => {
    expect(sniffMimeType(MP3_FRAME)).toBe("audio/mpeg");
  });

  it.each([
    ["a bare root", "<svg xmlns='http://www.w3.org/2000/svg'/>"],
    ["a BOM and whitespace", "\uFEFF\n  <svg>"],
    ["an XML declaration", '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'],
    ["a comment and a doctype", '<!-- logo --><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg>'],
  ])("recognises SVG with %s", (_, source) => {
    expect(sniffMimeType(text(source))).toBe("image/svg+xml");
  });

  it.each([
    ["empty data", new Uint8Array(0)],
    ["unknown bytes", UNKNOWN],
    ["plain text", text("hello world")],
    ["text that starts with BM", text("BMW drivers, 2024")],
    ["XML that is not SVG", text('<?xml version="1.0"?><feed></feed>')],
    ["HTML", text("<!DOCTYPE html><html></html>")],
    ["a truncated PNG signature", HEADS["image/png"].subarray(0, 4)],
    ["an ADTS AAC frame (layer 0)", Uint8Array.from([0xff, 0xf1, 0x50, 0x80])],
    ["an MPEG header with a bad bitrate", Uint8Array.from([0xff, 0xfb, 0xf0, 0x64])],
    ["RIFF of another kind", Uint8Array.from([...text("RIFF"), 0, 0, 0, 0, ...text("AVI ")])],
  ])("returns undefined for %s", (_, bytes) => {
    expect(sniffMimeType(bytes)).toBeUndefined();
  });
});

describe("mimeTypeFromName", () => {
  it.each([
    ["cat.png", "image/png"],
    ["photo.JPG", "image/jpeg"],
    ["a.jpeg", "image/jpeg"],
    ["anim.gif", "image/gif"],
    ["x.webp", "image/webp"],
    ["logo.svg", "image/svg+xml"],
    ["favicon.ico", "image/x-icon"],
    ["song.mp3", "audio/mpeg"],
    ["voice.wav", "audio/wav"],
    ["voice.ogg", "audio/ogg"],
    ["lossless.flac", "audio/flac"],
    ["book.m4a", "audio/mp4"],
    ["clip.mp4", "video/mp4"],
    ["clip.webm", "video/webm"],
    ["clip.mov", "video/quicktime"],
    ["README.md", "text/markdown"],
    ["data.json", "application/json"],
    ["table.csv", "text/csv"],
    ["notes.txt", "text/plain"],
    ["index.html", "text/html"],
    ["main.ts", "text/typescript"],
    ["script.py", "text/x-python"],
    ["config.yaml", "application/yaml"],
    ["paper.pdf", "application/pdf"],
    ["report.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["archive.zip", "application/zip"],
  ])("maps %s to %s", (name, type) => {
    expect(mimeTypeFromName(name)).toBe(type);
  });

  it("takes the last segment of POSIX and Windows paths", () => {
    expect(mimeTypeFromName("/srv/assets.v2/logo.png")).toBe("image/png");
    expect(mimeTypeFromName("C:\\Users\\me\\song.mp3")).toBe("audio/mpeg");
    expect(mimeTypeFromName("/srv/assets.v2/Makefile")).toBeUndefined();
  });

  it("ignores a URL's query and fragment", () => {
    expect(mimeTypeFromName("https://example.com/a/cat.PNG?size=2&fmt=.gif#top")).toBe("image/png");
    expect(mimeTypeFromName("https://example.com/download?file=cat.png")).toBeUndefined();
    expect(mimeTypeFromName("file:///tmp/notes.md")).toBe("text/markdown");
  });

  it("returns undefined without a known extension", () => {
    for (const name of ["", "noext", ".env", "archive.", "x.unknownext", "dir/"]) {
      expect(mimeTypeFromName(name), name).toBeUndefined();
    }
  });
});
