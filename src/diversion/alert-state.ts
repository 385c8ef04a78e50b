/**
 * The life of a diversion alert (防窜预警): raised OPEN by its scan, ACKNOWLEDGED by a party that looks into it, then
 * RESOLVED (explained: by a person, or by re-judgement after an authorised transfer or a region change) or DISMISSED
 * (judged not worth following). Every step is kept on the alert's history; an alert is never deleted.
 */
export const AlertState = {
  OPEN: "OPEN",
  ACKNOWLEDGED: "ACKNOWLEDGED",
  RESOLVED: "RESOLVED",
  DISMISSED: "DISMISSED",
} as const;
export type AlertState = (typeof AlertState)[keyof typeof AlertState];

/** What `diversionAlerts` lists when no state is asked for: the alerts still to be dealt with. */
export const ACTIVE_ALERT_STATES: readonly AlertState[] = [AlertState.OPEN, AlertState.ACKNOWLEDGED];

/** The states each step may start from: acknowledging an open alert, closing one that is open or acknowledged. */
export const ALERT_STEPS = {
  ACKNOWLEDGED: [AlertState.OPEN],
  RESOLVED: [AlertState.OPEN, AlertState.ACKNOWLEDGED],
  DISMISSED: [AlertState.OPEN, AlertState.ACKNOWLEDGED],
} as const satisfies Record<string, readonly AlertState[]>;
export type AlertStep = keyof typeof ALERT_STEPS;
