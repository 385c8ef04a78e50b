// type-graphql reads decorator metadata through the Reflect API.
import "reflect-metadata";
import { TEST_ADMIN_API_KEY } from "./support/test-credentials.js";

// Every test worker's configuration accepts the test ADMIN credential, which the helpers send by default
// (test/support/test-credentials.ts). Set, not defaulted: a developer's own ADMIN_API_KEY would not match them.
process.env.ADMIN_API_KEY = TEST_ADMIN_API_KEY;
