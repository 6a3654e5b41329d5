namespace Grid.Conversations;

/// <summary>
/// Who may see and act on a conversation: the one place these rules live (the hub and, later, supervisors' and
/// admins' calls go through the conversation grain, which asks here). A refusal to someone who may not even see the
/// conversation is "not found", exactly like a conversation that does not exist.
/// </summary>
internal static class ConversationAccess
{
    /// <summary>The assigned agent, the agent it is offered to, past participants and supervisors see it.</summary>
    public static bool CanSee(ConversationState s, Actor actor) =>
        s.Exists && (actor.Role == ActorRole.Supervisor
            || s.AssignedAgent == actor.AgentId || s.OfferedAgent == actor.AgentId || s.Participants.Contains(actor.AgentId));

    /// <summary>Throws not_found unless the actor may see the conversation.</summary>
    public static void EnsureVisible(ConversationState s, Actor actor, string conversationId)
    {
        if (!CanSee(s, actor))
        {
            throw new ConversationRuleException(RuleCodes.NotFound, $"Conversation '{conversationId}' not found.");
        }
    }

    /// <summary>Accept or decline: only the agent the conversation is offered to, while it is offered.</summary>
    public static void EnsureOfferedTo(ConversationState s, Actor actor, string conversationId, string verb)
    {
        EnsureVisible(s, actor, conversationId);
        if (s.Status != ConversationStatus.Offered)
        {
            throw new ConversationRuleException(RuleCodes.WrongState,
                $"Conversation {conversationId} is {s.Status}, not offered; you can {verb} only a current offer.");
        }

        if (s.OfferedAgent != actor.AgentId)
        {
            throw new ConversationRuleException(RuleCodes.NotYours, $"Conversation {conversationId} is offered to another agent; only they can {verb} it.");
        }
    }

    /// <summary>Notes: the assigned agent, participants (consultants, supervisors who joined) and supervisors; not once closed.</summary>
    public static void EnsureParticipant(ConversationState s, Actor actor, string conversationId, string action)
    {
        EnsureVisible(s, actor, conversationId);
        if (s.Status == ConversationStatus.Closed)
        {
            throw new ConversationRuleException(RuleCodes.WrongState, $"Conversation {conversationId} is closed; you cannot {action} any more.");
        }

        if (actor.Role != ActorRole.Supervisor && s.AssignedAgent != actor.AgentId && !s.Participants.Contains(actor.AgentId))
        {
            throw new ConversationRuleException(RuleCodes.NotYours, $"You take no part in conversation {conversationId}; accept it or be invited to {action}.");
        }
    }

    /// <summary>Transfer, hand back, invite: the assigned agent (or a supervisor) while the conversation is with an agent.</summary>
    public static void EnsureHolds(ConversationState s, Actor actor, string conversationId, string action)
    {
        EnsureVisible(s, actor, conversationId);
        if (s.Status != ConversationStatus.WithAgent)
        {
            throw new ConversationRuleException(RuleCodes.WrongState, $"Conversation {conversationId} is {s.Status}; it must be with an agent to {action}.");
        }

        if (s.AssignedAgent != actor.AgentId && actor.Role != ActorRole.Supervisor)
        {
            throw new ConversationRuleException(RuleCodes.NotYours, $"Conversation {conversationId} is assigned to another agent; only they (or a supervisor) can {action}.");
        }
    }

    /// <summary>
    /// Merge or split (correcting the grouping): the assigned agent while it is with them, or a supervisor (an admin acts
    /// as one) in any status but closed.
    /// </summary>
    public static void EnsureMayRegroup(ConversationState s, Actor actor, string conversationId, string action)
    {
        if (actor.Role != ActorRole.Supervisor)
        {
            EnsureHolds(s, actor, conversationId, action);
            return;
        }

        EnsureVisible(s, actor, conversationId);
        if (s.Status == ConversationStatus.Closed)
        {
            throw new ConversationRuleException(RuleCodes.WrongState, $"Conversation {conversationId} is closed; you cannot {action} any more.");
        }
    }

    /// <summary>Join, take over, watch: supervisors only (a role claim of their token).</summary>
    public static void EnsureSupervisor(ConversationState s, Actor actor, string conversationId, string action)
    {
        EnsureVisible(s, actor, conversationId);
        EnsureSupervisor(actor, action);
    }

    /// <summary>What concerns no one conversation (the tenant's list of live conversations): supervisors only.</summary>
    public static void EnsureSupervisor(Actor actor, string action)
    {
        if (actor.Role != ActorRole.Supervisor)
        {
            throw new ConversationRuleException(RuleCodes.Forbidden, $"Only a supervisor can {action}: your token's role is {actor.Role.ToString().ToLowerInvariant()}.");
        }
    }

    /// <summary>Reply: the assigned agent, or a consultant invited to write to the customer, while the conversation is with an agent.</summary>
    public static void EnsureMayReply(ConversationState s, Actor actor, string conversationId)
    {
        if (s.Status == ConversationStatus.WithAgent && s.Repliers.Contains(actor.AgentId))
        {
            return;
        }

        EnsureAssignedTo(s, actor, conversationId, "reply");
    }

    /// <summary>Reply or resolve: only the assigned agent, while the conversation is with them.</summary>
    public static void EnsureAssignedTo(ConversationState s, Actor actor, string conversationId, string action)
    {
        EnsureVisible(s, actor, conversationId);
        if (s.Status != ConversationStatus.WithAgent)
        {
            throw new ConversationRuleException(RuleCodes.WrongState,
                $"Conversation {conversationId} is {s.Status}; accept it before you {action}.");
        }

        if (s.AssignedAgent != actor.AgentId)
        {
            throw new ConversationRuleException(RuleCodes.NotYours, $"Conversation {conversationId} is assigned to another agent; only they can {action}.");
        }
    }
}
