import { afterAll } from "vitest";
import { sideDoor } from "../../helpers/posts.js";
import { launchChromium } from "./chromium.js";
import { startJot } from "./jot-server.js";

/** One Jot server and one Chromium for a test file, both closed when the file is done. */
export async function browserSuite() {
  const jot = await startJot();
  const browser = await launchChromium();
  afterAll(async () => {
    await browser.close();
    await jot.app.close();
  });
  return { jot, browser, url: (path: string) => `${jot.baseUrl}${path}`, ...(await sideDoor(jot.config)) };
}
