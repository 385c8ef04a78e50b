import type { RouteMount } from "./app.js";

/** The REST routes mounted beside /graphql, in order. */
export const ROUTES: RouteMount[] = [];
