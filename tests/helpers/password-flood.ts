// Run by tests/security/hash-starvation.test.ts in a process of its own, so that the flood's
// client work does not slow the bystander it measures:
//   tsx tests/helpers/password-flood.ts <base url> <cookie> <csrf token> <clients>
// Each client posts a wrong password to /settings/delete, again as soon as it is answered, and
// after a 503 waits the Retry-After it was given (give or take half, so the clients spread out).
// When its standard input closes (or after a minute at most) it stops, and prints how many answers
// of each status came back, as JSON.
const [base, cookie, token, clients] = process.argv.slice(2);
const until = Date.now() + 60_000;
let stopped = false;
process.stdin.on("data", () => {});
process.stdin.on("end", () => (stopped = true));
const answers: Record<number, number> = {};

async function client(id: number): Promise<void> {
  for (let attempt = 0; !stopped && Date.now() < until; attempt++) {
    const answer = await fetch(`${base}/settings/delete`, {
      method: "POST",
      headers: { cookie: cookie!, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: token!, delete_password: `guess ${id}-${attempt}` }),
    });
    await answer.arrayBuffer();
    answers[answer.status] = (answers[answer.status] ?? 0) + 1;
    if (answer.status === 503) await new Promise((resolve) => setTimeout(resolve, Number(answer.headers.get("retry-after")) * 1000 * (0.5 + Math.random())));
  }
}

await Promise.all(Array.from({ length: Number(clients) }, (_, id) => client(id)));
console.log(JSON.stringify(answers));
