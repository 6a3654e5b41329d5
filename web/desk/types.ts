// The agents' hub contract as the desk reads it (src/Edge/Grid.Edge/Agents/AgentDtos.cs, camelCase JSON).

export interface Attachment { uri: string; mediaType: string; sizeBytes: number; fileName: string | null }
export interface Email { subject: string | null; messageId: string | null; inReplyTo: string | null; references: string[] }

export interface Entry {
  conversationId: string;
  seq: number;
  kind: "CustomerMessage" | "AgentMessage" | "BotMessage" | "SystemMessage" | "Event" | "InternalNote" | string;
  at: string;
  channel: string;
  author: string;
  text: string | null;
  eventType: string | null;
  reason: string | null;
  attachments: Attachment[] | null;
  metadata: Record<string, string> | null;
  email: Email | null;
  sentAt: string | null;
  outboundId: string | null;
}

export interface Conversation {
  conversationId: string;
  customerId: string;
  status: string;
  statusReason: string | null;
  channel: string;
  assignedAgent: string | null;
  participants: string[];
  queue: string;
  lastSeq: number;
  openedAt: string;
  language: string;
  facts: Record<string, string>;
  priority: number;
  collaborators: string[];
}

export interface BotAttempt { seq: number; at: string; entryId: string | null; confidence: number | null; purpose: string | null }
export interface Address { channel: string; address: string; lastSeenAt: string }
export interface PastConversation { conversationId: string; status: string; outcome: string | null; openedAt: string; resolvedAt: string | null; csat: number | null }
export interface Customer { customerId: string; displayName: string | null; accountNumber: string | null; tier: string | null; addresses: Address[]; pastConversations: PastConversation[]; conversationCount: number }

export interface HandoffContext {
  conversation: Conversation;
  transcript: Entry[];
  transcriptTruncated: boolean;
  botAttempts: BotAttempt[];
  escalationReason: string | null;
  escalatedAt: string | null;
  priority: number;
  transferNote: string | null;
  customer: Customer | null;
}

export interface Offer {
  offerId: string;
  expiresAt: string | null;
  conversation: Conversation;
  history: Entry[];
  historyTruncated: boolean;
  context: HandoffContext | null;
}

export interface History { entries: Entry[]; nextAfterSeq: number; hasMore: boolean }
export interface Agent { agentId: string; displayName: string; presence: string; capacity: number; conversations: string[] }
export interface Alert { kind: string; conversation: Conversation }

export interface LiveConversation {
  conversationId: string; customerId: string; status: string; statusReason: string | null; queue: string;
  assignedAgent: string | null; priority: number; channel: string; language: string | null;
  openedAt: string; updatedAt: string; waitingSince: string | null;
}
export interface LiveConversationPage { conversations: LiveConversation[]; next: string | null }
export interface Watch { conversation: Conversation; context: HandoffContext; expiresAt: string }

// Being added by routing (issue 15): read defensively.
export interface QueueStats { queue: string; depth: number; longestWaitSeconds: number; agentsAvailable: number }
export interface AgentStats {
  agentId: string; displayName: string; presence: string; reason: string | null;
  load: Record<string, { used: number; capacity: number }> | null; idleSinceUtc: string | null;
}

/** The claims of the agent's token, read (not verified: the hub verifies it) to show the right screens. */
export interface Claims { sub: string; tenant: string; name: string; role: string; exp: number }
