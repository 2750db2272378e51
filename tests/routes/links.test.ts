// Web addresses in what people write become links, everywhere that text is shown, and nothing
// else does.
import { describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";
import { csrfTokenIn } from "../helpers/visitor.js";

const { app, config } = await testApp();
const { db } = await sideDoor(config);
const writer = await loggedInVisitor(app, "linker");
const reader = await loggedInVisitor(app, "reading");
const REL = 'rel="nofollow ugc noopener noreferrer"';

const linksIn = (html: string, container: string) =>
  [...html.matchAll(new RegExp(`<p class="${container}">([\\s\\S]*?)</p>`, "g"))].flatMap(([, inner]) =>
    [...inner!.matchAll(/<a href="([^"]*)" ([^>]*)>([^<]*)<\/a>/g)].map(([, href, rel, text]) => ({ href, rel, text })),
  );

describe("links in what people write", () => {
  it("a post's web addresses are links out, its other words and schemes text, on home, explore and the profile", async () => {
    const home = await writer.get("/");
    const body = 'Read https://jot.example/a_(b)?c=1&d=2. Or www.example.org! Not javascript:alert(1), not "x@y.example".';
    expect((await writer.post("/posts", { _csrf: csrfTokenIn(home.body), body })).statusCode).toBe(303);
    for (const path of ["/", "/explore", "/user/linker"]) {
      const page = (await writer.get(path)).body;
      expect(linksIn(page, "post-body"), path).toEqual([
        { href: "https://jot.example/a_(b)?c=1&amp;d=2", rel: REL, text: "https://jot.example/a_(b)?c=1&amp;d=2" },
        { href: "http://www.example.org", rel: REL, text: "www.example.org" },
      ]);
      expect(page).toContain("Not javascript:alert(1), not &quot;x@y.example&quot;.");
    }
  });

  it("about me's web addresses are links on the profile, in follow lists and in the popover", async () => {
    await db.user.update({ where: { usernameKey: "linker" }, data: { aboutMe: "Blog: https://linker.example/blog" } });
    await reader.post("/follow/linker", { _csrf: csrfTokenIn((await reader.get("/user/linker")).body) });
    const expected = [{ href: "https://linker.example/blog", rel: REL, text: "https://linker.example/blog" }];
    expect(linksIn((await reader.get("/user/linker")).body, "about-me")).toEqual(expected);
    expect(linksIn((await reader.get("/user/linker/popup")).body, "about-me")).toEqual(expected);
    expect(linksIn((await reader.get("/user/reading/following")).body, "person-about")).toEqual(expected);
  });

  it("a message's web addresses are links for the one who sent it and the one who received it", async () => {
    const form = await writer.get("/explore");
    expect((await writer.post("/send_message/reading", { _csrf: csrfTokenIn(form.body), message: "See https://jot.example/x" })).statusCode).toBe(303);
    const expected = [{ href: "https://jot.example/x", rel: REL, text: "https://jot.example/x" }];
    expect(linksIn((await writer.get("/messages/reading")).body, "bubble__text")).toEqual(expected);
    expect(linksIn((await reader.get("/messages/linker")).body, "bubble__text")).toEqual(expected);
    // The list shows the newest message as text: the whole row is one link, to the conversation.
    expect((await reader.get("/messages")).body).toContain('<span class="conversation__text">See https://jot.example/x</span>');
  });
});
