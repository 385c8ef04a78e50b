import { BadUserInputError } from "../errors/app-errors.js";
import { plainName } from "./plain-name.js";

/**
 * What an organisation shows the public on its products' consumer pages: customer service phone, address, website.
 * Each is optional; on an upsert a field left out keeps what was stored, `null` clears it.
 */
export interface OrganizationContact {
  servicePhone?: string | null;
  address?: string | null;
  website?: string | null;
}

/** 400-820-8820, 0757-2233 4455, +86 757 2233 4455, 95105555: digits with the usual separators. */
const PHONE = /^\+?[0-9][0-9 ()-]{3,28}[0-9]$/;

/** The contact as stored: only the fields given, checked and trimmed (an empty string clears like null). */
export function checkContact(contact: OrganizationContact | null | undefined): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (!contact) return out;
  if (contact.servicePhone !== undefined) {
    const phone = contact.servicePhone?.trim() || null;
    if (phone !== null && !PHONE.test(phone)) {
      throw new BadUserInputError("input.contact.servicePhone must be a phone number like 400-820-8820", {
        field: "input.contact.servicePhone",
        rule: "phone number",
      });
    }
    out.servicePhone = phone;
  }
  if (contact.address !== undefined) {
    out.address = contact.address === null ? null : plainName(contact.address, "input.contact.address") || null;
    if ((out.address?.length ?? 0) > 200) {
      throw new BadUserInputError("input.contact.address is longer than 200 characters", {
        field: "input.contact.address",
        rule: "at most 200 characters",
      });
    }
  }
  if (contact.website !== undefined) out.website = checkWebsite(contact.website);
  return out;
}

function checkWebsite(value: string | null): string | null {
  const text = value?.trim() || null;
  if (text === null) return null;
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || text.length > 200 || url.username) {
    throw new BadUserInputError("input.contact.website must be an http(s) URL of at most 200 characters", {
      field: "input.contact.website",
      rule: "http(s) URL",
    });
  }
  return url.href;
}
