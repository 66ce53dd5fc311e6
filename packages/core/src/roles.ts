import { msg } from '@lit/localize';
import type { Role } from './data.js';

/**
 * The label shown next to a name for a role that is not `learner`, or undefined for learners (and for
 * anything unknown). Widgets show it from the member document's role, never from the display name.
 */
export function roleLabel(role: Role | string | undefined): string | undefined {
  switch (role) {
    case 'owner':
      return msg('Owner', { id: 'core.role.owner' });
    case 'facilitator':
      return msg('Facilitator', { id: 'core.role.facilitator' });
    case 'mentor':
      return msg('Mentor', { id: 'core.role.mentor' });
    default:
      return undefined;
  }
}
