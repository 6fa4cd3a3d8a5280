import { describe, expect, it } from "vitest";
import { parseRoute } from "./router";

describe("parseRoute", () => {
  it("finds each page and its identity", () => {
    expect(parseRoute("/")).toEqual({ page: "start" });
    expect(parseRoute("/join/k7m4qx")).toEqual({ page: "join", code: "K7M4QX" });
    expect(parseRoute("/play/K7M4QX/")).toEqual({ page: "play", code: "K7M4QX" });
    expect(parseRoute("/projector/abc")).toEqual({ page: "projector", code: "ABC" });
  });

  it("keeps a workshop id as it is (ids are case-sensitive) and decodes it", () => {
    expect(parseRoute("/facilitator/Ab%2Fc")).toEqual({ page: "facilitator", workshopId: "Ab/c" });
  });

  it("finds the debrief and its printable report by workshop id", () => {
    expect(parseRoute("/debrief/Ab3x")).toEqual({ page: "debrief", workshopId: "Ab3x" });
    expect(parseRoute("/debrief/Ab3x/report")).toEqual({ page: "debrief_report", workshopId: "Ab3x" });
    expect(parseRoute("/debrief/Ab3x/other")).toEqual({ page: "not_found" });
  });

  it("finds the studio, and nothing below it", () => {
    expect(parseRoute("/studio")).toEqual({ page: "studio" });
    expect(parseRoute("/studio/x")).toEqual({ page: "not_found" });
  });

  it("sends a page without its code to the start, and anything else to not found", () => {
    expect(parseRoute("/join")).toEqual({ page: "start" });
    expect(parseRoute("/join/K7M4QX/extra")).toEqual({ page: "not_found" });
    expect(parseRoute("/admin")).toEqual({ page: "not_found" });
  });
});
