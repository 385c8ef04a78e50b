import { describe, expect, it } from "vitest";
import { loadExample } from "../../unit/epcis/conformance.js";
import { gqlData } from "../../support/test-api.js";
import { testServices, uniqueSuffix } from "../../support/test-services.js";
import { query } from "../../../src/graph/query.js";
import { useTestApp } from "../../support/test-app.js";
import { authFetch } from "../../support/test-credentials.js";

const CAPTURE = `mutation($doc: JSONObject!) { captureEpcis(document: $doc) { accepted duplicates } }`;

describe("EPCIS error declarations", () => {
  const suffix = uniqueSuffix();
  const declaredId = `urn:uuid:declared-${suffix}`;
  const correctiveId = `urn:uuid:corrective-${suffix}`;
  const server = useTestApp();

  it("marks the declared event and links the corrective event, and serves the declaration back", async () => {
    // GS1's example: a declaration (a copy of the event with errorDeclaration) and its corrective event.
    const example = loadExample("WithErrorDeclaration_ErrorDeclarationAndCorrectiveEvent.jsonld");
    const [declaration, corrective] = (example.epcisBody as { eventList: Record<string, unknown>[] }).eventList;
    const { errorDeclaration, ...original }: Record<string, unknown> = { ...declaration!, eventID: declaredId };
    const doc = (events: unknown[]) => ({ ...example, epcisBody: { eventList: events } });

    await gqlData(CAPTURE, { doc: doc([original]) });
    const declared = {
      ...original,
      errorDeclaration: { ...(errorDeclaration as object), correctiveEventIDs: [correctiveId] },
    };
    const outcome = await gqlData<{ captureEpcis: { accepted: number; duplicates: number } }>(CAPTURE, {
      doc: doc([declared, { ...corrective!, eventID: correctiveId }]),
    });
    expect(outcome.captureEpcis).toEqual({ accepted: 1, duplicates: 1 });

    const { executor } = await testServices();
    const rows = await executor.read(
      query(
        "test.errorDeclaration.corrections",
        `MATCH (e:Event {eventId: $declared}) OPTIONAL MATCH (c:Event)-[:CORRECTS]->(e)
         RETURN e.errorDeclared AS declared, collect(c.eventId) AS correctives`,
        { declared: declaredId },
      ),
    );
    expect(rows[0]).toEqual({ declared: true, correctives: [correctiveId] });

    const res = await authFetch(`${server.base}/epcis/events?EQ_eventID=${encodeURIComponent(declaredId)}`);
    const body = (await res.json()) as {
      epcisBody: { queryResults: { resultsBody: { eventList: { errorDeclaration?: { declarationTime: string } }[] } } };
    };
    expect(body.epcisBody.queryResults.resultsBody.eventList[0]?.errorDeclaration?.declarationTime).toBeDefined();
  });
});
