import type { FastifyInstance, FastifyReply } from "fastify";
import { ValidationError, type FieldErrors } from "../domain/errors.js";
import { ABOUT_ME_MAX_LENGTH, FIELD_RULES, type ProfileForm, type User } from "../domain/user.js";
import { textField } from "../http/form-fields.js";
import { requireLogin } from "../plugins/current-user.js";
import type { AccountService } from "../services/accounts/account-service.js";
import type { RecentUsers } from "../services/accounts/recent-users.js";
import { profileUrl } from "../view-models/urls.js";

/**
 * Editing one's own profile. A rename frees the old name: old links to it answer 404 (a redirect
 * would send them to whoever takes the name next).
 */
export default async function editProfileRoutes(
  app: FastifyInstance,
  { accounts, recentUsers }: { accounts: AccountService; recentUsers: RecentUsers },
): Promise<void> {
  function render(reply: FastifyReply, values: ProfileForm, errors: FieldErrors = {}, status = 200) {
    return reply.page("edit-profile", { title: "Edit profile", values, errors, maxLength: ABOUT_ME_MAX_LENGTH, rules: FIELD_RULES }, status);
  }

  app.get("/edit_profile", { preHandler: requireLogin }, async (request, reply) => {
    const user = await accounts.findById(request.currentUser!.id);
    if (!user) return reply.redirect("/login", 303);
    return render(reply, { username: user.username, aboutMe: user.aboutMe });
  });

  app.post("/edit_profile", { preHandler: requireLogin }, async (request, reply) => {
    const form = { username: textField(request.body, "username"), aboutMe: textField(request.body, "about_me") };
    let user: User;
    try {
      user = await accounts.updateProfile(request.currentUser!.id, form);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return render(reply, form, error.fields, 422);
    }
    // This process's pages show the new name at once; other processes' within a minute.
    recentUsers.forget(user.id);
    request.flash("Your changes have been saved.");
    return reply.redirect(profileUrl(user.username), 303);
  });
}
