import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../app/domain/errors.js";
import { createUser, editProfile, normaliseEmail, usernameKey, usernameProblem, type RegistrationForm } from "../../../app/domain/user.js";

const valid: RegistrationForm = {
  username: "alice",
  email: "alice@example.com",
  password: "correct horse",
  password2: "correct horse",
};

const form = (changes: Partial<RegistrationForm>): RegistrationForm => ({ ...valid, ...changes });

/** Runs createUser, expects a ValidationError, and returns its field messages. */
function fieldErrors(input: RegistrationForm): Record<string, string> {
  try {
    createUser(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields;
  }
  throw new Error("expected a ValidationError, but createUser accepted the form");
}

describe("createUser", () => {
  it("returns the normalised draft for a valid form (no password2)", () => {
    expect(createUser(valid)).toEqual({ username: "alice", email: "alice@example.com", password: "correct horse" });
  });

  describe("username", () => {
    it("accepts 3 and 64 characters", () => {
      expect(createUser(form({ username: "abc" })).username).toBe("abc");
      expect(createUser(form({ username: "a".repeat(64) })).username).toBe("a".repeat(64));
    });

    it.each([
      ["2 characters", "ab"],
      ["65 characters", "a".repeat(65)],
      ["empty", ""],
    ])("rejects %s", (_label, username) => {
      expect(fieldErrors(form({ username }))).toEqual({ username: "Use 3 to 64 characters." });
    });

    it("accepts letters, digits, underscores, dots and hyphens, keeping case", () => {
      expect(createUser(form({ username: "Al_ice.B-42" })).username).toBe("Al_ice.B-42");
    });

    it.each([
      ["a space", "al ice"],
      ["<", "al<ice"],
      ["an accented letter", "josé"],
      ["a non-Latin letter", "алиса"],
      ["@", "al@ice"],
      ["a slash", "al/ice"],
    ])("rejects %s", (_label, username) => {
      expect(fieldErrors(form({ username }))).toEqual({
        username: "Use only letters, digits, underscores, dots and hyphens.",
      });
    });

    it("trims surrounding whitespace", () => {
      expect(createUser(form({ username: "  alice  " })).username).toBe("alice");
    });

    it("checks the length after trimming", () => {
      expect(fieldErrors(form({ username: "  ab  " }))).toHaveProperty("username");
    });
  });

  describe("email", () => {
    it("is trimmed and lower-cased", () => {
      expect(createUser(form({ email: "  Alice@Example.COM \n" })).email).toBe("alice@example.com");
    });

    it("accepts 120 characters and rejects 121", () => {
      const at120 = `${"a".repeat(120 - "@example.com".length)}@example.com`;
      expect(at120).toHaveLength(120);
      expect(createUser(form({ email: at120 })).email).toBe(at120);

      const at121 = `a${at120}`;
      expect(fieldErrors(form({ email: at121 }))).toEqual({ email: "At most 120 characters." });
    });

    it("measures the length after trimming", () => {
      const at120 = `${"a".repeat(120 - "@example.com".length)}@example.com`;
      expect(createUser(form({ email: `   ${at120}   ` })).email).toBe(at120);
    });

    it("rejects an empty or blank address", () => {
      expect(fieldErrors(form({ email: "" }))).toEqual({ email: "Enter your email address." });
      expect(fieldErrors(form({ email: "   " }))).toEqual({ email: "Enter your email address." });
    });

    it.each(["alice", "alice@", "@example.com", "alice@example", "al ice@example.com", "alice@@example.com", "alice@exa mple.com"])(
      "rejects the invalid address %j",
      (email) => {
        expect(fieldErrors(form({ email }))).toEqual({ email: "Enter a valid email address." });
      },
    );

    // Each would be stored as one address and mailed to another by a mail header's rules.
    it.each(["bank.example<attacker@evil.example>", "a@x.example,b@y.example", "a@x.example;b", '"a"@x.example', "a(b)@x.example", "a@[1.2.3.4]", "a\\b@x.example", "a:b@x.example"])(
      "rejects %j, which a mail header would read otherwise",
      (email) => {
        expect(fieldErrors(form({ email }))).toEqual({ email: "Enter a valid email address." });
      },
    );

    it("accepts the unusual addresses people have: plus tags, apostrophes, subdomains", () => {
      for (const email of ["o'brien+jot@mail.example.co.uk", "x_y-z.w@sub.example.org"]) expect(createUser(form({ email })).email).toBe(email);
    });
  });

  describe("password", () => {
    it("rejects 7 characters and accepts 8", () => {
      expect(fieldErrors(form({ password: "1234567", password2: "1234567" }))).toEqual({
        password: "Use at least 8 characters.",
      });
      expect(createUser(form({ password: "12345678", password2: "12345678" })).password).toBe("12345678");
    });

    it("is kept exactly as typed, spaces included", () => {
      expect(createUser(form({ password: "  pass word  ", password2: "  pass word  " })).password).toBe("  pass word  ");
    });

    it("accepts 1024 characters and rejects 1025", () => {
      const max = "p".repeat(1024);
      expect(createUser(form({ password: max, password2: max })).password).toBe(max);
      const tooLong = "p".repeat(1025);
      expect(fieldErrors(form({ password: tooLong, password2: tooLong }))).toEqual({ password: "At most 1024 characters." });
    });

    it("reports a mismatched confirmation on password2", () => {
      expect(fieldErrors(form({ password2: "correct horsf" }))).toEqual({ password2: "Passwords do not match." });
    });

    it("reports only the password problem when the password is also too short", () => {
      expect(fieldErrors(form({ password: "short", password2: "other" }))).toEqual({ password: "Use at least 8 characters." });
    });
  });

  it("reports every bad field at once in a single ValidationError", () => {
    const fields = fieldErrors({ username: "a b", email: "nope", password: "12345678", password2: "87654321" });
    expect(Object.keys(fields).sort()).toEqual(["email", "password2", "username"]);

    const all = fieldErrors({ username: "x", email: "", password: "short", password2: "short" });
    expect(Object.keys(all).sort()).toEqual(["email", "password", "username"]);
  });

  it("names the bad fields in the error message", () => {
    try {
      createUser({ username: "x", email: "nope", password: "correct horse", password2: "correct horse" });
      expect.unreachable("createUser should have thrown");
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).message).toBe("Invalid input: username, email");
      expect((error as ValidationError).name).toBe("ValidationError");
    }
  });
});

describe("usernameKey", () => {
  it("lower-cases so that names differing only in case collide", () => {
    expect(usernameKey("Alice")).toBe("alice");
    expect(usernameKey("ALICE")).toBe(usernameKey("alice"));
    expect(usernameKey("Mixed_Case.Name-1")).toBe("mixed_case.name-1");
  });
});

describe("normaliseEmail", () => {
  it("trims and lower-cases", () => {
    expect(normaliseEmail(" Bob@Example.Org ")).toBe("bob@example.org");
  });
});

describe("usernameProblem", () => {
  it("is undefined for a good name and a message for a bad one", () => {
    expect(usernameProblem("good_name")).toBeUndefined();
    expect(usernameProblem("no")).toBe("Use 3 to 64 characters.");
  });
});

describe("editProfile", () => {
  const problems = (username: string, aboutMe: string) => {
    try {
      editProfile({ username, aboutMe });
    } catch (error) {
      if (error instanceof ValidationError) return error.fields;
      throw error;
    }
    return {};
  };

  it("trims the name, normalises line breaks and trims about me", () => {
    expect(editProfile({ username: "  Ann ", aboutMe: " a\r\nb\rc " })).toEqual({ username: "Ann", aboutMe: "a\nb\nc" });
  });

  it("applies registration's username rules", () => {
    expect(problems("ab", "")).toEqual({ username: "Use 3 to 64 characters." });
    expect(problems("a/b", "")).toEqual({ username: "Use only letters, digits, underscores, dots and hyphens." });
  });

  it("allows 140 characters of about me, counted as code points, and reports every bad field at once", () => {
    expect(editProfile({ username: "ann", aboutMe: "😀".repeat(140) }).aboutMe).toHaveLength(280);
    expect(problems("a b", "x".repeat(141))).toEqual({
      username: "Use only letters, digits, underscores, dots and hyphens.",
      about_me: "At most 140 characters.",
    });
  });

  it("keeps an about me that shows nothing as empty", () => {
    expect(editProfile({ username: "ann", aboutMe: "\u200b\ufeff  " }).aboutMe).toBe("");
    expect(editProfile({ username: "ann", aboutMe: "" }).aboutMe).toBe("");
  });
});
