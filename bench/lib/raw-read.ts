import neo4j, { type Driver } from "neo4j-driver";

/**
 * One statement through neo4j-driver in a managed read transaction, nothing around it: how the raw baselines run,
 * and how the experiments time our statements on their own. Records as plain objects (`toObject`), unconverted.
 */
export async function rawRead(
  driver: Driver,
  cypher: string,
  params: Record<string, unknown>,
): Promise<Record<string, unknown>[]> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    return (await session.executeRead((tx) => tx.run(cypher, params))).records.map((r) => r.toObject());
  } finally {
    await session.close();
  }
}
