/**
 * What a person does to someone's post that is counted on it and told to its author, grouped into
 * one notification per post ("ann and 3 others liked your post"): liking it, and reposting it.
 */
export const REACTIONS = ["like", "repost"] as const;
export type Reaction = (typeof REACTIONS)[number];
