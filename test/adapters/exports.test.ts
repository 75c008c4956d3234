import { describe, expect, it } from "vitest";
import * as express from "mcpkit/express";
import * as fastify from "mcpkit/fastify";
import * as hono from "mcpkit/hono";
import * as node from "mcpkit/node";

/* The public surface of each adapter subpath: one verb each (node adds its lean building blocks). */

describe("adapter exports", () => {
  it("mcpkit/node", () => {
    expect(Object.keys(node).sort()).toEqual(["handle", "serve", "toRequest", "writeResponse"]);
  });

  it("mcpkit/express, mcpkit/fastify, mcpkit/hono", () => {
    expect(Object.keys(express)).toEqual(["handle"]);
    expect(Object.keys(fastify)).toEqual(["handle"]);
    expect(Object.keys(hono)).toEqual(["handle"]);
  });
});
