import type { Share } from '../../domain';
import type { ShareDto, SharedConversationDto } from './dto/share.dto';

export const SHARES_PATH = '/api/v1/shares';

/** The owner's view of a share. */
export function presentShare(share: Share): ShareDto {
  const s = share.toJSON();
  return {
    token: s.token,
    url: `${SHARES_PATH}/${s.token}`,
    createdAt: s.createdAt.toISOString(),
    expiresAt: s.expiresAt?.toISOString() ?? null,
  };
}

/** The public view: the snapshot only, no owner, conversation or message ids. */
export function presentSharedConversation(share: Share): SharedConversationDto {
  const s = share.toJSON();
  return {
    title: s.title,
    messages: s.messages.map((m) => ({
      role: m.role,
      content: m.content,
      createdAt: m.createdAt.toISOString(),
    })),
    sharedAt: s.createdAt.toISOString(),
    expiresAt: s.expiresAt?.toISOString() ?? null,
  };
}
