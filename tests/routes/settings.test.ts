import { beforeEach, describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";
import { csrfTokenIn, type Visitor } from "../helpers/visitor.js";

const { app, config, visitor } = await testApp();
const { db, addPosts } = await sideDoor(config);
let name = 0;
let me: Visitor;
let myName: string;

const fieldError = (html: string, field: string) => new RegExp(`id="${field}-error">([^<]+)<`).exec(html)?.[1];
const changePassword = (who: Visitor, current: string, password: string, password2 = password) =>
  who.submit("/settings", "/settings/password", { current_password: current, password, password2 });
const deleteAccount = (who: Visitor, password: string) => who.submit("/settings", "/settings/delete", { delete_password: password });

beforeEach(async () => {
  myName = `setter${++name}`;
  me = await loggedInVisitor(app, myName);
});

describe("the settings page", () => {
  it("needs a login, and offers both forms with their token, linked from the profile editor", async () => {
    expect((await visitor().get("/settings")).headers.location).toBe("/login?next=%2Fsettings");
    const page = await me.get("/settings");
    expect(page.statusCode).toBe(200);
    for (const form of ["email", "password", "logout_everywhere"]) expect(page.body).toContain(`action="/settings/${form}"`);
    // Deleting the account is a step of its own, which the page leads to.
    expect(page.body).not.toContain('action="/settings/delete"');
    expect(page.body).toContain('href="/settings/delete"');
    expect(csrfTokenIn(page.body)).toBeTruthy();
    expect((await me.get("/edit_profile")).body).toContain('href="/settings"');
  });
});

describe("a form's own address", () => {
  it("leads back to the form on the settings page when opened again from the address bar", async () => {
    for (const form of ["email", "password", "logout_everywhere"]) {
      const res = await me.get(`/settings/${form}`);
      expect(res.statusCode, form).toBe(303);
      expect(res.headers.location).toBe(`/settings#${form}-form`);
      expect((await me.get("/settings")).body).toContain(`id="${form}-form"`);
    }
    expect((await me.get("/settings/nothing")).statusCode).toBe(404);
  });
});

describe("changing the password", () => {
  it("needs the current password, says what is wrong beside each field (422), never echoes a password, and changes nothing", async () => {
    const before = (await db.user.findUniqueOrThrow({ where: { usernameKey: myName } })).passwordHash;
    const wrong = await changePassword(me, "not my password", "new horse battery");
    expect(wrong.statusCode).toBe(422);
    expect(fieldError(wrong.body, "current_password")).toBe("That is not your password.");
    expect(wrong.body).not.toContain("new horse battery");
    const short = await changePassword(me, "correct horse", "short");
    expect(fieldError(short.body, "password")).toBe("Use at least 8 characters.");
    const mismatch = await changePassword(me, "correct horse", "new horse battery", "new horse batterz");
    expect(fieldError(mismatch.body, "password2")).toBe("Passwords do not match.");
    const blank = await changePassword(me, "", "new horse battery");
    expect(fieldError(blank.body, "current_password")).toBe("Enter your current password.");
    expect((await db.user.findUniqueOrThrow({ where: { usernameKey: myName } })).passwordHash).toBe(before);
  });

  it("changes it, keeps this device logged in, and logs out every other session", async () => {
    const otherDevice = visitor();
    await otherDevice.login(myName);
    const res = await changePassword(me, "correct horse", "new horse battery");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/settings");
    expect((await me.get("/settings")).body).toContain("Your password has been changed");
    expect((await me.get("/")).body).toContain(`Hi, ${myName}!`);
    expect((await otherDevice.get("/")).statusCode).toBe(303);
    expect((await visitor().login(myName, "correct horse")).statusCode).toBe(422);
    expect((await visitor().login(myName, "new horse battery")).headers.location).toBe("/");
  });
});

describe("changing the password while a new address waits for its link", () => {
  it("says that the change of address was called off with it", async () => {
    await me.submit("/settings", "/settings/email", { email: `moving${name}@example.com`, email_password: "correct horse" });
    expect((await changePassword(me, "correct horse", "new horse battery")).statusCode).toBe(303);
    const page = (await me.get("/settings")).body;
    expect(page).toContain("Your password has been changed");
    expect(page).toContain(`The change of your address to moving${name}@example.com was called off with it`);
    // A change of password with nothing under way says nothing of addresses.
    expect((await changePassword(me, "new horse battery", "another horse battery")).statusCode).toBe(303);
    expect((await me.get("/settings")).body).not.toContain("called off");
  });
});

describe("logging out everywhere", () => {
  it("ends this session, the user's other devices and any copy of the cookie, and the password still works", async () => {
    const otherDevice = visitor();
    await otherDevice.login(myName);
    const copy = visitor();
    for (const [cookie, value] of me.cookies) copy.cookies.set(cookie, value);
    const res = await me.submit("/settings", "/settings/logout_everywhere", {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/login");
    expect((await me.get("/login")).body).toContain("You have been signed out everywhere");
    for (const who of [me, otherDevice, copy]) expect((await who.get("/")).headers.location).toBe("/login?next=%2F");
    expect((await visitor().login(myName)).headers.location).toBe("/");
  });
});

describe("deleting the account", () => {
  it("asks first, on a page of its own that needs no script, with the way back", async () => {
    expect((await visitor().get("/settings/delete")).headers.location).toBe("/login?next=%2Fsettings%2Fdelete");
    const page = await me.get("/settings/delete");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<h1>Delete your account?</h1>");
    expect(page.body).toContain('action="/settings/delete"');
    expect(page.body).toContain('<a href="/settings">Keep my account</a>');
    expect(await db.user.count({ where: { usernameKey: myName } })).toBe(1);
  });

  it("needs the password (422 beside the field, on the same question), and deletes nothing without it", async () => {
    const res = await deleteAccount(me, "not my password");
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("<h1>Delete your account?</h1>");
    expect(fieldError(res.body, "delete_password")).toBe("That is not your password.");
    expect(await db.user.count({ where: { usernameKey: myName } })).toBe(1);
  });

  it("removes the user with their posts, follows, messages and notifications, ends the session, and frees the name", async () => {
    const friend = await loggedInVisitor(app, `friend${name}`);
    await addPosts(myName, 3);
    await me.submit(`/user/friend${name}`, `/follow/friend${name}`, {});
    await friend.submit(`/user/${myName}`, `/follow/${myName}`, {});
    await friend.submit("/explore", `/send_message/${myName}`, { message: "hello" });
    await me.submit("/explore", `/send_message/friend${name}`, { message: "hi back" });
    const id = (await db.user.findUniqueOrThrow({ where: { usernameKey: myName } })).id;

    const res = await deleteAccount(me, "correct horse");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/login");
    expect((await me.get("/login")).body).toContain("Your account, with your posts, messages and follows, has been deleted.");
    expect((await me.get("/")).statusCode).toBe(303);
    expect(await db.user.count({ where: { id } })).toBe(0);
    expect(await db.post.count({ where: { authorId: id } })).toBe(0);
    expect(await db.follow.count({ where: { OR: [{ followerId: id }, { followedId: id }] } })).toBe(0);
    expect(await db.message.count({ where: { OR: [{ senderId: id }, { recipientId: id }] } })).toBe(0);
    expect(await db.chat.count({ where: { OR: [{ ownerId: id }, { otherId: id }] } })).toBe(0);
    expect(await db.notification.count({ where: { OR: [{ userId: id }, { actorId: id }] } })).toBe(0);
    expect((await friend.get(`/user/${myName}`)).statusCode).toBe(404);
    expect((await visitor().register(myName)).statusCode).toBe(303);
  });
});
