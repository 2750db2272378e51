import { PAGE_SIZE } from "../../app/domain/page.js";
import { describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";

const { app, config } = await testApp();
const { addPosts } = await sideDoor(config);
const viewer = await loggedInVisitor(app, "viewer");
await loggedInVisitor(app, "Writer");
await addPosts("Writer", 27);
await addPosts("viewer", 3);

describe("GET /user/:username", () => {
  it(`shows the user's own posts only, newest first, ${PAGE_SIZE} a page`, async () => {
    const page = await viewer.get("/user/writer");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="profile-name" id="profile-name">Writer</h1>');
    expect(page.body.match(/<li class="post"[ >]/g)).toHaveLength(PAGE_SIZE);
    expect(page.body).not.toContain("viewer post");
    expect(page.body.indexOf("Writer post 27<")).toBeLessThan(page.body.indexOf("Writer post 26<"));
    const older = /class="pager-older" href="([^"]+)"/.exec(page.body)![1]!;
    expect(older).toMatch(/^\/user\/Writer\?before=\d+-\d+$/);
    const rest = await viewer.get(older);
    expect(rest.body.match(/<li class="post"[ >]/g)).toHaveLength(27 - PAGE_SIZE);
    expect(rest.body).toContain("Writer post 1<");
  });

  // microblog's profile pages had "previous" links built for the home page: page 2 led back to "/".
  it("leads from a profile's page 2 back to the profile's page 1, never to home", async () => {
    const older = /class="pager-older" href="([^"]+)"/.exec((await viewer.get("/user/writer")).body)![1]!;
    const newer = /class="pager-newer" href="([^"]+)"/.exec((await viewer.get(older)).body)![1]!;
    expect(newer).toMatch(/^\/user\/Writer\?after=\d+-\d+$/);
    const first = await viewer.get(newer);
    expect(first.body.match(/<li class="post"[ >]/g)).toHaveLength(PAGE_SIZE);
    expect(first.body).toContain("Writer post 27<");
    expect(first.body).not.toContain("viewer post");
  });

  it("links the nav's Profile to the logged-in user's own page", async () => {
    const home = await viewer.get("/");
    expect(home.body).toContain('href="/user/viewer">Your profile</a>');
  });

  it("answers an unknown user with a 404 page in the site's look", async () => {
    const res = await viewer.get("/user/nobody-here");
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain("Page not found");
    expect(res.body).toContain('class="site-header"');
  });

  it("answers a tampered page link with 400", async () => {
    expect((await viewer.get("/user/writer?after=x")).statusCode).toBe(400);
  });
});
