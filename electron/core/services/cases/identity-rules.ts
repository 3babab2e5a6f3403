import { mayEditIdentity, mayRevealIdentity, seesIdentity, type IdentityHolder } from '../../domain/permissions';
import type { Actor } from '../../session';

/**
 * The masking decisions for a stored case, in one place: what decides who sees a complainant's identity
 * (permissions.ts has the rules), read from the case row. Views, corrections and reveals all ask here.
 */
type HolderColumns = { is_confidential: number; recorder_id: number; first_receiver_id: number };

export const identityHolder = (r: HolderColumns): IdentityHolder => ({
  isConfidential: r.is_confidential === 1, recorderId: r.recorder_id, firstReceiverId: r.first_receiver_id,
});

/** The actor sees this case's complainants masked (name, phone, ID number, address, employer). */
export const masksIdentityFor = (actor: Actor, r: HolderColumns): boolean => !seesIdentity(actor, identityHolder(r));

/** The actor may ask for the full identity (recorded in the history with the purpose given). */
export const mayRevealIdentityOf = (actor: Actor, r: HolderColumns): boolean => mayRevealIdentity(actor, identityHolder(r));

/** The actor may change the complainants and what decides who sees them. */
export const mayEditIdentityOf = (actor: Actor, r: HolderColumns): boolean => mayEditIdentity(actor, identityHolder(r));
