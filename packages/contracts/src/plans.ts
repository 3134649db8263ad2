/** Plan: plan items per problem, target families, indicator targets, approval and versions. */
export {};
