import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import PostalMime from "postal-mime";

/** A message Jot wrote to its outbox folder, read back as a person would read it. */
export interface OutboxMail {
  sentAt: Date;
  to: string;
  subject: string;
  text: string;
}

// The mailer names each file by the moment it wrote it: `<ms since 1970>-<random>.eml`.
const FILE = /^(\d{13})-[0-9a-f]+\.eml$/;

/**
 * The newest `most` messages in the outbox folder, newest first, decoded (quoted-printable and all)
 * by a MIME parser. An outbox not made yet holds nothing.
 */
export async function recentMail(dir: string, most: number): Promise<OutboxMail[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const newest = names.filter((name) => FILE.test(name)).sort().reverse().slice(0, most);
  return Promise.all(
    newest.map(async (name) => {
      const mail = await PostalMime.parse(await readFile(join(dir, name)));
      return {
        sentAt: new Date(Number(FILE.exec(name)![1])),
        to: (mail.to ?? []).map((address) => address.address ?? "").join(", "),
        subject: mail.subject ?? "",
        text: mail.text ?? "",
      };
    }),
  );
}
