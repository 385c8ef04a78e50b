/**
 * The shapes of EPCIS 2.0 JSON / JSON-LD events this project reads (EPCIS 2.0 §7, JSON schema `EPCIS-JSON-Schema`).
 * They describe a document *after* `validateEpcisDocument` accepted it; before that, everything is `unknown`.
 * Values are kept exactly as the sender spelled them (short CBV names or URIs, URNs or Digital Links); normalising
 * happens where a value is used (`cbv.ts`, `event-identifiers.ts`, `event-hash.ts`).
 */

export const EPCIS_EVENT_TYPES = [
  "ObjectEvent",
  "AggregationEvent",
  "TransactionEvent",
  "TransformationEvent",
  "AssociationEvent",
] as const;
export type EpcisEventType = (typeof EPCIS_EVENT_TYPES)[number];

export const EPCIS_ACTIONS = ["ADD", "OBSERVE", "DELETE"] as const;
export type EpcisAction = (typeof EPCIS_ACTIONS)[number];

/** A user extension or ILMD key: `prefix:name` with the prefix declared in `@context`, or a full URI. */
export type ExtensionKey = `${string}:${string}`;

export interface QuantityElement {
  epcClass: string;
  quantity?: number;
  uom?: string;
}

export interface BizTransaction {
  type?: string;
  bizTransaction: string;
}

export interface SourceElement {
  type: string;
  source: string;
}

export interface DestinationElement {
  type: string;
  destination: string;
}

export interface PlaceRef {
  id: string;
  [extension: ExtensionKey]: unknown;
}

export interface PersistentDisposition {
  set?: string[];
  unset?: string[];
}

export interface ErrorDeclaration {
  declarationTime: string;
  reason?: string;
  correctiveEventIDs?: string[];
  [extension: ExtensionKey]: unknown;
}

export interface SensorMetadata {
  time?: string;
  startTime?: string;
  endTime?: string;
  deviceID?: string;
  deviceMetadata?: string;
  rawData?: string;
  dataProcessingMethod?: string;
  bizRules?: string;
  [extension: ExtensionKey]: unknown;
}

export interface SensorReport {
  type: string;
  exception?: string;
  deviceID?: string;
  deviceMetadata?: string;
  rawData?: string;
  dataProcessingMethod?: string;
  time?: string;
  microorganism?: string;
  chemicalSubstance?: string;
  value?: number;
  component?: string;
  stringValue?: string;
  booleanValue?: boolean;
  hexBinaryValue?: string;
  uriValue?: string;
  minValue?: number;
  maxValue?: number;
  meanValue?: number;
  sDev?: number;
  percRank?: number;
  percValue?: number;
  uom?: string;
  coordinateReferenceSystem?: string;
  [extension: ExtensionKey]: unknown;
}

export interface SensorElement {
  sensorMetadata?: SensorMetadata;
  sensorReport: SensorReport[];
  [extension: ExtensionKey]: unknown;
}

/** Instance Lot Master Data: extension keys only (e.g. `cbvmda:lotNumber`). */
export type Ilmd = Record<string, unknown>;

/** Fields every event type shares (EPCIS 2.0 §7.4.1), plus the `what`-independent dimensions. */
export interface EpcisEventCommon {
  "@context"?: unknown;
  eventID?: string;
  eventTime: string;
  recordTime?: string;
  eventTimeZoneOffset: string;
  certificationInfo?: string | string[];
  errorDeclaration?: ErrorDeclaration;
  bizStep?: string;
  disposition?: string;
  readPoint?: PlaceRef;
  bizLocation?: PlaceRef;
  bizTransactionList?: BizTransaction[];
  sourceList?: SourceElement[];
  destinationList?: DestinationElement[];
  sensorElementList?: SensorElement[];
  [extension: ExtensionKey]: unknown;
}

export interface ObjectEvent extends EpcisEventCommon {
  type: "ObjectEvent";
  action: EpcisAction;
  epcList?: string[];
  quantityList?: QuantityElement[];
  persistentDisposition?: PersistentDisposition;
  ilmd?: Ilmd;
}

export interface AggregationEvent extends EpcisEventCommon {
  type: "AggregationEvent";
  action: EpcisAction;
  parentID?: string;
  childEPCs?: string[];
  childQuantityList?: QuantityElement[];
}

export interface TransactionEvent extends EpcisEventCommon {
  type: "TransactionEvent";
  action: EpcisAction;
  parentID?: string;
  epcList?: string[];
  quantityList?: QuantityElement[];
}

export interface TransformationEvent extends EpcisEventCommon {
  type: "TransformationEvent";
  inputEPCList?: string[];
  inputQuantityList?: QuantityElement[];
  outputEPCList?: string[];
  outputQuantityList?: QuantityElement[];
  transformationID?: string;
  persistentDisposition?: PersistentDisposition;
  ilmd?: Ilmd;
}

export interface AssociationEvent extends EpcisEventCommon {
  type: "AssociationEvent";
  action: EpcisAction;
  parentID: string;
  childEPCs?: string[];
  childQuantityList?: QuantityElement[];
}

export type EpcisEvent = ObjectEvent | AggregationEvent | TransactionEvent | TransformationEvent | AssociationEvent;

/** The capture payload: an EPCISDocument (an EPCISQueryDocument is not accepted for capture). */
export interface EpcisDocument {
  "@context": unknown;
  type: "EPCISDocument";
  schemaVersion: string;
  creationDate: string;
  id?: string;
  epcisHeader?: Record<string, unknown>;
  epcisBody: { eventList: EpcisEvent[] };
  [extension: ExtensionKey]: unknown;
}

/** JSON-LD prefix -> namespace IRI, as declared by a document's (and an event's) `@context`. */
export type NamespaceMap = Readonly<Record<string, string>>;
