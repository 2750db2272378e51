// Run by tests/security/reset-timing.test.ts in a process of its own, so that what the server does
// after answering (in the test's process) never falls inside a measured time, as it would not for
// a client on another machine:
//   tsx tests/helpers/timed-posts.ts <url> <cookie> <csrf token> <field>   (values on standard input, one JSON array)
// Posts the form once per value, one after another on one kept-alive connection, and prints each
// answer's status and time in milliseconds, as JSON.
const [url, cookie, token, field] = process.argv.slice(2);
let input = "";
for await (const chunk of process.stdin) input += chunk;
const values = JSON.parse(input) as string[];
const answers: { status: number; ms: number }[] = [];
for (const value of values) {
  const started = performance.now();
  const answer = await fetch(url!, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: cookie!, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: token!, [field!]: value }),
  });
  await answer.arrayBuffer();
  answers.push({ status: answer.status, ms: performance.now() - started });
}
console.log(JSON.stringify(answers));
