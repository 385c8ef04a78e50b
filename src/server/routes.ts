import type { RouteMount } from "./app.js";
import { mountRecallCsv } from "../recall/recall-csv.route.js";

/** The REST routes mounted beside /graphql, in order. */
export const ROUTES: RouteMount[] = [mountRecallCsv];
