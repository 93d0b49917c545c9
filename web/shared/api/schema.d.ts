// Generated from the OpenAPI document by `npm run gen:api`: do not edit.
// The typed client (client.ts) and the front-ends use it; `npm test` fails when it is stale.

export interface paths {
    "/api/v1/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload one file for a conversation (multipart/form-data, field `file`)
         * @description Then send a message with `attachmentIds`. The type is sniffed from the bytes; over the project's limit 413 ATTACHMENT_TOO_LARGE, a type it does not accept 415 ATTACHMENT_TYPE_NOT_ALLOWED; nothing is stored then. Uploads never attached are deleted after 24 h.
         */
        post: operations["AttachmentsController_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attachments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download an attachment (its conversation's visitor, or agents of its team)
         * @description Served with Content-Disposition: attachment (inline only for PNG, JPEG, GIF and WebP), X-Content-Type-Options: nosniff and Content-Security-Policy: sandbox; default-src 'none'.
         */
        get: operations["AttachmentsController_download"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attachments/{id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download through a signed link (404 when the signature is wrong or expired) */
        get: operations["AttachmentContentController_content"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attachments/{id}/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A short-lived URL of an attachment, usable without credentials (for <img src> and links) */
        post: operations["AttachmentsController_link"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with email and password */
        post: operations["AuthController_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End this session (revokes its refresh tokens and access tokens; clears the console cookie). Without a bearer token, ends the session of the console cookie */
        post: operations["AuthController_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The logged-in user */
        get: operations["AuthController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change your name or your email notification switches */
        patch: operations["AuthController_updateMe"];
        trace?: never;
    };
    "/api/v1/auth/password/forgot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail a password reset link (valid 1 hour) if an account has this email; always 202 */
        post: operations["AuthController_forgotPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with a reset token (once); ends every session of the user */
        post: operations["AuthController_resetPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a refresh token (the body, or else the console cookie) for new tokens; rotates it */
        post: operations["AuthController_refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account and a team owned by it, or with invitationToken join the inviting team */
        post: operations["AuthController_register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/canned-responses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a canned response (its author, or an owner/admin) */
        delete: operations["CannedResponsesController_delete"];
        options?: never;
        head?: never;
        /** Change a canned response (its author, or an owner/admin) */
        patch: operations["CannedResponsesController_update"];
        trace?: never;
    };
    "/api/v1/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Inbox: the caller's teams' conversations by last activity
         * @description Filter by projectId, status, assignee (me | none | user id) and label (id); follow meta.nextCursor.
         */
        get: operations["ConversationsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One conversation with the visitor's profile (name, email, verified id, metadata) */
        get: operations["ConversationsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change status, assignee (a team member) or snooze time */
        patch: operations["ConversationsController_update"];
        trace?: never;
    };
    "/api/v1/conversations/{id}/labels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the conversation's labels (labels of its team; another team's label id is a 404) */
        put: operations["ConversationsController_setLabels"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** History including internal notes; newest page first, `before`/`after` seq cursors */
        get: operations["MessagesAgentController_history"];
        put?: never;
        /**
         * Reply as an agent, or add an internal note with private: true
         * @description 201 when stored; 200 with the original message when clientMessageId was already used.
         */
        post: operations["MessagesAgentController_reply"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/rating": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The visitor's satisfaction rating of a conversation (null when none) */
        get: operations["CsatController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark visitor messages read up to a seq (agent side) */
        post: operations["ConversationsController_read"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an invitation sent to the caller's email */
        post: operations["TeamsController_accept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/labels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a label; conversations lose it (owner/admin) */
        delete: operations["LabelsController_delete"];
        options?: never;
        head?: never;
        /** Rename or recolour a label (owner/admin) */
        patch: operations["LabelsController_update"];
        trace?: never;
    };
    "/api/v1/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a visitor message (without conversationId, it opens a conversation)
         * @description Needs a visitor token (POST /widget/session first; without one: 401 VISITOR_TOKEN_INVALID). 201 when stored; 200 with the original message when this visitor already used the clientMessageId. A `visitor` profile updates this visitor; an externalId other than its own is refused (400 IDENTITY_CHANGE_NOT_ALLOWED).
         */
        post: operations["MessagesWidgetController_send"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/conversations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A conversation's history (visitor token of its visitor, or an agent token of its team)
         * @description Newest page first (ascending within a page); `before`/`after` take a message seq.
         */
        get: operations["MessagesWidgetController_history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/conversations/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark agent replies read up to a seq (visitor side) */
        post: operations["MessagesWidgetController_read"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/unsubscribe/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stop conversation continuity mails to the visitor of an unsubscribe link */
        get: operations["NotificationsController_unsubscribe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Projects of the caller's teams */
        get: operations["ProjectsController_list"];
        put?: never;
        /** Create a widget project in a team (owner/admin); the secret is shown once */
        post: operations["ProjectsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One project of the caller's teams (without its secret) */
        get: operations["ProjectsController_get"];
        put?: never;
        post?: never;
        /** Delete a project with its visitors and conversations (owner/admin) */
        delete: operations["ProjectsController_delete"];
        options?: never;
        head?: never;
        /** Update name, allowed origins, widget settings or verification (owner/admin) */
        patch: operations["ProjectsController_update"];
        trace?: never;
    };
    "/api/v1/projects/{id}/rotate-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue a new public widget key (owner/admin) */
        post: operations["ProjectsController_rotateKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue a new identity-verification secret, shown once (owner/admin) */
        post: operations["ProjectsController_rotateSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{id}/visitors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A project's visitors, most recently seen first
         * @description `q` matches part of a name, email or external id (case-insensitive); follow meta.nextCursor.
         */
        get: operations["ContactsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A project's webhook endpoints (owner/admin) */
        get: operations["WebhooksController_list"];
        put?: never;
        /** Register a webhook endpoint (owner/admin); the signing secret is shown once */
        post: operations["WebhooksController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Conversation, response-time and satisfaction figures per day or week, in total and per agent
         * @description Days are cut in `timezone`; times are in seconds (median and 90th percentile). First response counts conversations opened in the range; resolution those resolved in it.
         */
        get: operations["ReportsController_summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the caller's teams: conversations by their messages (internal notes too), and visitors
         * @description Conversations by relevance of their best match, then newest match, with highlighted snippets (plain text + highlight ranges); visitors by part of name, email or external id (first page only). Follow data.nextCursor for more conversations.
         */
        get: operations["SearchController_find"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's teams, with the caller's role in each */
        get: operations["TeamsController_list"];
        put?: never;
        /** Create a team owned by the caller */
        post: operations["TeamsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the caller's teams, with the caller's role */
        get: operations["TeamsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename a team (owner/admin) */
        patch: operations["TeamsController_update"];
        trace?: never;
    };
    "/api/v1/teams/{id}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pending invitations (owner/admin) */
        get: operations["TeamsController_invitations"];
        put?: never;
        /** Invite someone by email; returns the invitation token once (owner/admin) */
        post: operations["TeamsController_invite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{id}/invitations/{invitationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a pending invitation (owner/admin) */
        delete: operations["TeamsController_revokeInvitation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A team's members and their roles */
        get: operations["TeamsController_members"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{id}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member (owner/admin), or leave the team (yourself) */
        delete: operations["TeamsController_removeMember"];
        options?: never;
        head?: never;
        /** Change a member's role (owner/admin; only owners grant or remove ownership) */
        patch: operations["TeamsController_changeRole"];
        trace?: never;
    };
    "/api/v1/teams/{teamId}/canned-responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A team's canned responses by shortcut (every member) */
        get: operations["CannedResponsesController_list"];
        put?: never;
        /** Create a canned response (every member; the caller is its author) */
        post: operations["CannedResponsesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{teamId}/labels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A team's labels by name (every member) */
        get: operations["LabelsController_list"];
        put?: never;
        /** Create a label (owner/admin); names are stored lower-case, unique per team */
        post: operations["LabelsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/visitors/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A visitor's profile, with whether they are blocked */
        get: operations["ContactsController_get"];
        put?: never;
        post?: never;
        /**
         * Erase a visitor (admins): with their conversations, messages and pending events
         * @description The right to erasure. Audited; a `visitor.erased` event (ids only) goes out.
         */
        delete: operations["ContactsController_erase"];
        options?: never;
        head?: never;
        /**
         * Edit name, email, metadata; block or unblock
         * @description A blocked visitor's widget sends, new sessions, uploads and ratings answer 403 VISITOR_BLOCKED and write nothing. `resolveOpen: true` (with `blocked: true`) also resolves the visitor's unresolved conversations.
         */
        patch: operations["ContactsController_update"];
        trace?: never;
    };
    "/api/v1/visitors/{id}/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The visitor's conversations, newest activity first */
        get: operations["ContactsController_conversations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/visitors/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything stored about a visitor, as JSON (admins)
         * @description Portability: the profile and every conversation with its whole history. Audited.
         */
        get: operations["ContactsController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One webhook endpoint (without its secret) */
        get: operations["WebhooksController_get"];
        put?: never;
        post?: never;
        /** Delete a webhook endpoint with its delivery log */
        delete: operations["WebhooksController_delete"];
        options?: never;
        head?: never;
        /** Change URL, events, includePrivate, description, or enable/disable */
        patch: operations["WebhooksController_update"];
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Delivery log, newest first: event, attempts, status code, duration, error, next retry */
        get: operations["WebhooksController_deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again now (a failed one, or a replay) */
        post: operations["WebhooksController_retry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** New signing secret, shown once; the old one also signs for 24 h */
        post: operations["WebhooksController_rotateSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a ping event; its outcome shows in the delivery log */
        post: operations["WebhooksController_test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/widget/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Widget settings for the project, and whether an agent is online */
        get: operations["WidgetController_config"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/widget/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The visitor's own conversations, newest activity first (cursor-paginated) */
        get: operations["ConversationsWidgetController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/widget/conversations/{id}/rating": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the widget should ask for a rating, and the rating given */
        get: operations["CsatWidgetController_state"];
        put?: never;
        /**
         * Rate a resolved conversation 1–5 with an optional comment (one per conversation)
         * @description Once per conversation, changeable for 7 days (then 409 RATING_LOCKED). Needs the project to have ratings on (409 CSAT_DISABLED) and the conversation resolved (409 RATING_NOT_REQUESTED).
         */
        post: operations["CsatWidgetController_rate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/widget/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Get a visitor token before the first message; identify a logged-in user (externalId + userHash) */
        post: operations["WidgetController_session"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and database state; 503 when the database is unreachable */
        get: operations["HealthController_check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AcceptedResponseDto: {
            /** @enum {boolean} */
            accepted: true;
        };
        AcceptInvitationDto: {
            token: string;
        };
        AttachmentLinkResponseDto: {
            /** Format: date-time */
            expiresAt: string;
            /** @description Usable without credentials (e.g. <img src>) until expiresAt: presigned S3, or a path on this server */
            url: string;
        };
        AttachmentResponseDto: {
            /** @description Sniffed from the bytes, never taken from the client */
            contentType: string;
            /** @description Images: pixels */
            height?: number;
            /** Format: uuid */
            id: string;
            /** @description Sanitised filename */
            name: string;
            /** @description Bytes */
            size: number;
            /** @description Images: pixels */
            width?: number;
        };
        AuthResponseDto: {
            accessToken: string;
            /** @description Access token lifetime in seconds */
            expiresIn: number;
            /** @description Absent when the refresh token was set as a cookie (X-Refresh-Cookie: 1, or refreshed by cookie) */
            refreshToken?: string;
            team?: {
                /** Format: uuid */
                id: string;
                name: string;
            };
            /** @enum {string} */
            tokenType: "Bearer";
            user: {
                /** Format: date-time */
                createdAt: string;
                email: string;
                /** Format: uuid */
                id: string;
                name: string;
                notifications: {
                    /** @description Mail me a new conversation while no agent of the project is online */
                    newConversation: boolean;
                    /** @description Mail me (owners/admins) when a webhook endpoint is disabled */
                    webhookDisabled: boolean;
                };
            };
        };
        CannedResponseResponseDto: {
            /**
             * Format: uuid
             * @description Who wrote it (null once their account is gone)
             */
            authorId: string | null;
            body: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            shortcut: string;
            /** Format: uuid */
            teamId: string;
            title: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        ChangeRoleDto: {
            /** @enum {string} */
            role: "owner" | "admin" | "agent";
        };
        ConversationDetailResponseDto: {
            agentLastReadSeq: number;
            /** Format: uuid */
            assigneeId: string | null;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the first public agent reply landed
             */
            firstAgentReplyAt: string | null;
            /** Format: uuid */
            id: string;
            /** @description The conversation's labels, by name */
            labels: {
                color: string;
                /** Format: uuid */
                id: string;
                name: string;
            }[];
            /** Format: date-time */
            lastMessageAt: string;
            lastMessagePreview: string | null;
            /** @description seq of the last message the visitor can see (no internal notes) */
            lastPublicSeq: number;
            lastSeq: number;
            /** Format: uuid */
            projectId: string;
            /**
             * Format: date-time
             * @description When it was last resolved (kept if it reopens)
             */
            resolvedAt: string | null;
            /**
             * Format: uuid
             * @description Who resolved it last
             */
            resolvedById: string | null;
            /** Format: date-time */
            snoozedUntil: string | null;
            /** @enum {string} */
            status: "open" | "pending" | "resolved" | "snoozed";
            /** @description Visitor messages after the agent-side read marker */
            unreadCount: number;
            /** Format: date-time */
            updatedAt: string;
            visitor: {
                email: string | null;
                /** @description The site's user id (trusted only when verified) */
                externalId: string | null;
                /** Format: uuid */
                id: string;
                /** Format: date-time */
                lastSeenAt: string;
                /** @description What the site sent about the visitor (≤ 50 keys) */
                metadata: {
                    [key: string]: unknown;
                };
                name: string | null;
                /** @description externalId proven with the identity-verification HMAC */
                verified: boolean;
            };
            /** Format: uuid */
            visitorId: string;
            visitorLastReadSeq: number;
        };
        ConversationRatingResponseDto: {
            rating: {
                comment?: string | null;
                /** Format: uuid */
                conversationId?: string;
                /** Format: date-time */
                createdAt?: string;
                /**
                 * Format: date-time
                 * @description The visitor can change it until then (7 days)
                 */
                editableUntil?: string;
                /** Format: uuid */
                id?: string;
                score?: number;
                /** Format: date-time */
                updatedAt?: string;
            } | null;
        };
        ConversationResponseDto: {
            agentLastReadSeq: number;
            /** Format: uuid */
            assigneeId: string | null;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the first public agent reply landed
             */
            firstAgentReplyAt: string | null;
            /** Format: uuid */
            id: string;
            /** @description The conversation's labels, by name */
            labels: {
                color: string;
                /** Format: uuid */
                id: string;
                name: string;
            }[];
            /** Format: date-time */
            lastMessageAt: string;
            lastMessagePreview: string | null;
            /** @description seq of the last message the visitor can see (no internal notes) */
            lastPublicSeq: number;
            lastSeq: number;
            /** Format: uuid */
            projectId: string;
            /**
             * Format: date-time
             * @description When it was last resolved (kept if it reopens)
             */
            resolvedAt: string | null;
            /**
             * Format: uuid
             * @description Who resolved it last
             */
            resolvedById: string | null;
            /** Format: date-time */
            snoozedUntil: string | null;
            /** @enum {string} */
            status: "open" | "pending" | "resolved" | "snoozed";
            /** Format: date-time */
            updatedAt: string;
            /** Format: uuid */
            visitorId: string;
            visitorLastReadSeq: number;
        };
        CreateCannedResponseDto: {
            /** @description May use {{visitor.name}}, {{visitor.email}}, {{agent.name}}, {{project.name}}, with a fallback: {{visitor.name | there}} */
            body: string;
            /** @description Typed after / in the reply box; unique in the team */
            shortcut: string;
            title?: string | null;
        };
        CreatedInvitationResponseDto: {
            /** @description The console's page that accepts it, on this server: send the invitee <origin><acceptPath> */
            acceptPath: string;
            /** Format: date-time */
            createdAt: string;
            email: string;
            /** Format: date-time */
            expiresAt: string;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            role: "owner" | "admin" | "agent";
            /** Format: uuid */
            teamId: string;
            /** @description Shown once; send it to the invitee */
            token: string;
        };
        CreateLabelDto: {
            color: string;
            name: string;
        };
        CreateProjectDto: {
            allowedOrigins?: string[];
            name: string;
            /** @default false */
            requireIdentityVerification: boolean;
            /** @default {} */
            settings: {
                /** @description Upload limits (defaults: 10 MB; images, PDF, plain text, office formats) */
                attachments?: {
                    allowedTypes?: string[];
                    /** @description Capped by ATTACHMENT_MAX_BYTES */
                    maxBytes?: number;
                };
                businessHours?: {
                    /** @description Sent as a system message to a visitor writing outside hours (at most once a day) */
                    offlineMessage?: string;
                    /** @description IANA time zone the hours are in */
                    timezone: string;
                    /** @description Opening hours per weekday; an empty list is always closed */
                    weekly: {
                        /** @description 0 = Sunday … 6 = Saturday */
                        day: number;
                        from: string;
                        to: string;
                    }[];
                } | null;
                color?: string;
                csat?: {
                    /** @description Ask the visitor for a 1–5 rating when an agent resolves */
                    enabled: boolean;
                };
                greeting?: string;
                name?: string;
            };
            /** Format: uuid */
            teamId: string;
        };
        CreateTeamDto: {
            name: string;
        };
        CreateWebhookDto: {
            description?: string | null;
            /** @description Event types to receive; "*" (the default) is every type, including later ones */
            events?: ("*" | "conversation.created" | "conversation.updated" | "message.created" | "visitor.created" | "visitor.updated" | "csat.submitted")[];
            /**
             * @description Also send message.created for internal notes
             * @default false
             */
            includePrivate: boolean;
            url: string;
        };
        ErrorBody: {
            error: {
                /** @enum {string} */
                code: "VALIDATION_FAILED" | "INVALID_ID" | "INVALID_CURSOR" | "ASSIGNEE_NOT_MEMBER" | "BAD_REQUEST" | "WEBHOOK_URL_NOT_ALLOWED" | "UNSUPPORTED_MEDIA_TYPE" | "PAYLOAD_TOO_LARGE" | "URI_TOO_LONG" | "HEADERS_TOO_LARGE" | "REQUEST_TIMEOUT" | "UNAUTHENTICATED" | "INVALID_CREDENTIALS" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "REFRESH_TOKEN_INVALID" | "REFRESH_TOKEN_REUSED" | "REFRESH_TOKEN_ROTATED" | "PROJECT_KEY_INVALID" | "VISITOR_TOKEN_INVALID" | "IDENTITY_VERIFICATION_FAILED" | "IDENTITY_CHANGE_NOT_ALLOWED" | "ORIGIN_NOT_ALLOWED" | "FORBIDDEN" | "INSUFFICIENT_ROLE" | "INVITATION_EMAIL_MISMATCH" | "NOT_FOUND" | "ROUTE_NOT_FOUND" | "TEAM_NOT_FOUND" | "MEMBER_NOT_FOUND" | "INVITATION_NOT_FOUND" | "PROJECT_NOT_FOUND" | "CONVERSATION_NOT_FOUND" | "LABEL_NOT_FOUND" | "CANNED_RESPONSE_NOT_FOUND" | "VISITOR_NOT_FOUND" | "VISITOR_BLOCKED" | "WEBHOOK_NOT_FOUND" | "WEBHOOK_DELIVERY_NOT_FOUND" | "ATTACHMENT_NOT_FOUND" | "ATTACHMENT_TOO_LARGE" | "ATTACHMENT_TYPE_NOT_ALLOWED" | "ATTACHMENT_NOT_ATTACHABLE" | "CONFLICT" | "LABEL_NAME_TAKEN" | "SHORTCUT_TAKEN" | "EMAIL_TAKEN" | "CLIENT_MESSAGE_ID_CONFLICT" | "ALREADY_MEMBER" | "LAST_OWNER" | "CSAT_DISABLED" | "RATING_NOT_REQUESTED" | "RATING_LOCKED" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE" | "PASSWORD_RESET_TOKEN_INVALID" | "UNSUBSCRIBE_TOKEN_INVALID";
                details?: {
                    message: string;
                    path?: string;
                }[];
                message: string;
            };
            requestId: string;
        };
        ForgotPasswordDto: {
            /** Format: email */
            email: string;
        };
        HealthResponseDto: {
            /** @description One entry per dependency, e.g. `database: { status: "up", driver: "pglite" }` */
            info: {
                [key: string]: {
                    /** @enum {string} */
                    status: "up";
                } & {
                    [key: string]: unknown;
                };
            };
            /** @enum {string} */
            status: "ok";
        };
        InboxItemResponseDto: {
            agentLastReadSeq: number;
            /** Format: uuid */
            assigneeId: string | null;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the first public agent reply landed
             */
            firstAgentReplyAt: string | null;
            /** Format: uuid */
            id: string;
            /** @description The conversation's labels, by name */
            labels: {
                color: string;
                /** Format: uuid */
                id: string;
                name: string;
            }[];
            /** Format: date-time */
            lastMessageAt: string;
            lastMessagePreview: string | null;
            /** @description seq of the last message the visitor can see (no internal notes) */
            lastPublicSeq: number;
            lastSeq: number;
            /** Format: uuid */
            projectId: string;
            /**
             * Format: date-time
             * @description When it was last resolved (kept if it reopens)
             */
            resolvedAt: string | null;
            /**
             * Format: uuid
             * @description Who resolved it last
             */
            resolvedById: string | null;
            /** Format: date-time */
            snoozedUntil: string | null;
            /** @enum {string} */
            status: "open" | "pending" | "resolved" | "snoozed";
            /** @description Visitor messages after the agent-side read marker */
            unreadCount: number;
            /** Format: date-time */
            updatedAt: string;
            visitor: {
                email: string | null;
                /** Format: uuid */
                id: string;
                name: string | null;
            };
            /** Format: uuid */
            visitorId: string;
            visitorLastReadSeq: number;
        };
        InvitationResponseDto: {
            /** Format: date-time */
            createdAt: string;
            email: string;
            /** Format: date-time */
            expiresAt: string;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            role: "owner" | "admin" | "agent";
            /** Format: uuid */
            teamId: string;
        };
        InviteMemberDto: {
            /** Format: email */
            email: string;
            /**
             * @default agent
             * @enum {string}
             */
            role: "owner" | "admin" | "agent";
        };
        LabelResponseDto: {
            /** @description #rrggbb */
            color: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            /** @description lower-case, unique in the team */
            name: string;
            /** Format: uuid */
            teamId: string;
        };
        LoginDto: {
            /** Format: email */
            email: string;
            password: string;
        };
        MarkReadDto: {
            /** @description Read up to this sequence (default: all) */
            seq?: number;
        };
        MemberResponseDto: {
            email: string;
            /** Format: date-time */
            joinedAt: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "agent";
            /** Format: uuid */
            userId: string;
        };
        MessageResponseDto: {
            /** @description Files attached to the message (empty when none) */
            attachments: {
                /** @description Sniffed from the bytes, never taken from the client */
                contentType: string;
                /** @description Images: pixels */
                height?: number;
                /** Format: uuid */
                id: string;
                /** @description Sanitised filename */
                name: string;
                /** @description Bytes */
                size: number;
                /** @description Images: pixels */
                width?: number;
            }[];
            /** @description The agent's public name and avatar (agent messages); null for visitor and system messages */
            author: {
                avatarUrl?: string | null;
                name?: string;
            } | null;
            /** Format: uuid */
            authorId: string | null;
            body: string;
            clientMessageId: string;
            /** Format: uuid */
            conversationId: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            private: boolean;
            /** @enum {string} */
            sender: "visitor" | "agent" | "system";
            /** @description Per-conversation monotonic sequence; the history and resync cursor */
            seq: number;
        };
        ProjectResponseDto: {
            allowedOrigins: string[];
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            name: string;
            /** @description Embed this in the widget (X-Project-Key) */
            publicKey: string;
            requireIdentityVerification: boolean;
            settings: {
                attachments?: {
                    allowedTypes?: string[];
                    maxBytes?: number;
                };
                businessHours?: {
                    /** @description Sent as a system message to a visitor writing outside hours (at most once a day) */
                    offlineMessage?: string;
                    /** @description IANA time zone the hours are in */
                    timezone: string;
                    /** @description Opening hours per weekday; an empty list is always closed */
                    weekly: {
                        /** @description 0 = Sunday … 6 = Saturday */
                        day: number;
                        from: string;
                        to: string;
                    }[];
                } | null;
                color?: string;
                csat?: {
                    /** @description Ask the visitor for a 1–5 rating when an agent resolves */
                    enabled: boolean;
                };
                greeting?: string;
                name?: string;
            };
            /** Format: uuid */
            teamId: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ProjectWithSecretResponseDto: {
            allowedOrigins: string[];
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            name: string;
            /** @description Embed this in the widget (X-Project-Key) */
            publicKey: string;
            requireIdentityVerification: boolean;
            /** @description Identity-verification secret; shown only on create and rotate-secret */
            secret: string;
            settings: {
                attachments?: {
                    allowedTypes?: string[];
                    maxBytes?: number;
                };
                businessHours?: {
                    /** @description Sent as a system message to a visitor writing outside hours (at most once a day) */
                    offlineMessage?: string;
                    /** @description IANA time zone the hours are in */
                    timezone: string;
                    /** @description Opening hours per weekday; an empty list is always closed */
                    weekly: {
                        /** @description 0 = Sunday … 6 = Saturday */
                        day: number;
                        from: string;
                        to: string;
                    }[];
                } | null;
                color?: string;
                csat?: {
                    /** @description Ask the visitor for a 1–5 rating when an agent resolves */
                    enabled: boolean;
                };
                greeting?: string;
                name?: string;
            };
            /** Format: uuid */
            teamId: string;
            /** Format: date-time */
            updatedAt: string;
        };
        RateConversationDto: {
            /** @description Optional words from the visitor */
            comment?: string;
            /** @description 1 (very unsatisfied) … 5 (very satisfied) */
            score: number;
        };
        RatingResponseDto: {
            comment: string | null;
            /** Format: uuid */
            conversationId: string;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description The visitor can change it until then (7 days)
             */
            editableUntil: string;
            /** Format: uuid */
            id: string;
            score: number;
            /** Format: date-time */
            updatedAt: string;
        };
        ReadStateResponseDto: {
            /** Format: uuid */
            conversationId: string;
            lastReadSeq: number;
            /** @enum {string} */
            side: "agent" | "visitor";
        };
        RefreshDto: {
            /** @description Omitted by the console, whose refresh token is the HttpOnly cookie */
            refreshToken?: string;
        };
        RegisterDto: {
            /** Format: email */
            email: string;
            /** @description Join the inviting team with the invited role instead of getting a team of one's own */
            invitationToken?: string;
            name: string;
            password: string;
            /** @description Ignored with invitationToken */
            teamName?: string;
        };
        ReportSummaryResponseDto: {
            agents: {
                /** @description seconds, over the conversations they answered first */
                medianFirstResponse: number | null;
                name: string;
                replies: number;
                resolved: number;
                /** Format: uuid */
                userId: string;
            }[];
            from: string;
            /** @enum {string} */
            interval: "day" | "week";
            intervals: {
                csat: {
                    average: number | null;
                    count: number;
                };
                /** @description null when nothing to measure */
                firstResponse: {
                    /** @description seconds */
                    median: number | null;
                    /** @description seconds */
                    p90: number | null;
                };
                messages: {
                    agent: number;
                    system: number;
                    visitor: number;
                };
                newConversations: number;
                /** @description null when nothing to measure */
                resolution: {
                    /** @description seconds */
                    median: number | null;
                    /** @description seconds */
                    p90: number | null;
                };
                resolved: number;
                /** @description First day of the interval (YYYY-MM-DD) */
                start: string;
            }[];
            /** Format: uuid */
            projectId: string | null;
            /** Format: uuid */
            teamId: string;
            timezone: string;
            to: string;
            total: {
                csat: {
                    average: number | null;
                    count: number;
                };
                /** @description null when nothing to measure */
                firstResponse: {
                    /** @description seconds */
                    median: number | null;
                    /** @description seconds */
                    p90: number | null;
                };
                messages: {
                    agent: number;
                    system: number;
                    visitor: number;
                };
                newConversations: number;
                /** @description null when nothing to measure */
                resolution: {
                    /** @description seconds */
                    median: number | null;
                    /** @description seconds */
                    p90: number | null;
                };
                resolved: number;
            };
        };
        ResetPasswordDto: {
            password: string;
            token: string;
        };
        SearchResponseDto: {
            conversations: {
                conversation: {
                    /** Format: uuid */
                    assigneeId: string | null;
                    /** Format: uuid */
                    id: string;
                    /** Format: date-time */
                    lastMessageAt: string;
                    lastMessagePreview: string | null;
                    /** Format: uuid */
                    projectId: string;
                    /** @enum {string} */
                    status: "open" | "pending" | "resolved" | "snoozed";
                    visitor: {
                        email: string | null;
                        /** Format: uuid */
                        id: string;
                        name: string | null;
                    };
                };
                /** @description Its best matching messages (up to 3) */
                matches: {
                    /** Format: date-time */
                    createdAt: string;
                    /** @description Matching words as [start, end) UTF-16 offsets into snippet */
                    highlights: {
                        end: number;
                        start: number;
                    }[];
                    /** Format: uuid */
                    messageId: string;
                    /** @description An internal note */
                    private: boolean;
                    /** @description The message's place in its conversation (open the history there) */
                    seq: number;
                    /** @description Plain text around the matching words (not HTML) */
                    snippet: string;
                }[];
            }[];
            hasMore: boolean;
            /** @description The next page of conversations */
            nextCursor: string | null;
            /** @description Visitors whose name, email or external id contains q (first page only) */
            visitors: {
                blocked: boolean;
                /** Format: date-time */
                blockedAt: string | null;
                /** Format: date-time */
                createdAt: string;
                email: string | null;
                /** @description The site's user id (trusted only when verified) */
                externalId: string | null;
                /** Format: uuid */
                id: string;
                /** Format: date-time */
                lastSeenAt: string;
                metadata: {
                    [key: string]: unknown;
                };
                name: string | null;
                /** Format: uuid */
                projectId: string;
                verified: boolean;
            }[];
        };
        SendAgentMessageDto: {
            /** @description Uploads (POST /attachments) of this sender to this conversation, not yet attached */
            attachmentIds?: string[];
            /**
             * @description May be empty when attachmentIds are given
             * @default
             */
            body: string;
            /** @description Client-generated id (a UUID is ideal); repeating it returns the original message */
            clientMessageId: string;
            /**
             * @description An internal note the visitor never sees
             * @default false
             */
            private: boolean;
        };
        SendVisitorMessageDto: {
            /** @description Uploads (POST /attachments) of this sender to this conversation, not yet attached */
            attachmentIds?: string[];
            /**
             * @description May be empty when attachmentIds are given
             * @default
             */
            body: string;
            /** @description Client-generated id (a UUID is ideal); repeating it returns the original message */
            clientMessageId: string;
            /**
             * Format: uuid
             * @description Omit to start a new conversation
             */
            conversationId?: string;
            visitor?: {
                /** Format: email */
                email?: string;
                /** @description The site's own user id */
                externalId?: string;
                metadata?: {
                    [key: string]: (string | null) | (number | null) | (boolean | null);
                };
                name?: string;
                /** @description HMAC-SHA256(project secret, externalId), computed on the site server */
                userHash?: string;
            };
        };
        SetConversationLabelsDto: {
            /** @description The conversation's whole set of labels (labels of its team); [] removes them all */
            labelIds: string[];
        };
        TeamResponseDto: {
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "admin" | "agent";
        };
        TokensResponseDto: {
            accessToken: string;
            /** @description Access token lifetime in seconds */
            expiresIn: number;
            /** @description Absent when the refresh token was set as a cookie (X-Refresh-Cookie: 1, or refreshed by cookie) */
            refreshToken?: string;
            /** @enum {string} */
            tokenType: "Bearer";
        };
        UnsubscribedResponseDto: {
            /** @enum {boolean} */
            unsubscribed: true;
        };
        UpdateCannedResponseDto: {
            /** @description May use {{visitor.name}}, {{visitor.email}}, {{agent.name}}, {{project.name}}, with a fallback: {{visitor.name | there}} */
            body?: string;
            /** @description Typed after / in the reply box; unique in the team */
            shortcut?: string;
            title?: string | null;
        };
        UpdateConversationDto: {
            /**
             * Format: uuid
             * @description A member of the project team, or null to unassign
             */
            assigneeId?: string | null;
            /**
             * Format: date-time
             * @description With status snoozed: the conversation reopens by itself then
             */
            snoozedUntil?: string | null;
            /** @enum {string} */
            status?: "open" | "pending" | "resolved" | "snoozed";
        };
        UpdatedVisitorResponseDto: {
            blocked: boolean;
            /** Format: date-time */
            blockedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            email: string | null;
            /** @description The site's user id (trusted only when verified) */
            externalId: string | null;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            lastSeenAt: string;
            metadata: {
                [key: string]: unknown;
            };
            name: string | null;
            /** Format: uuid */
            projectId: string;
            /** @description The conversations this request resolved (resolveOpen), else empty */
            resolvedConversationIds: string[];
            verified: boolean;
        };
        UpdateLabelDto: {
            color?: string;
            name?: string;
        };
        UpdateMeDto: {
            name?: string;
            notifications?: {
                /** @description Mail me a new conversation while no agent of the project is online */
                newConversation?: boolean;
                /** @description Mail me (owners/admins) when a webhook endpoint is disabled */
                webhookDisabled?: boolean;
            };
        };
        UpdateProjectDto: {
            allowedOrigins?: string[];
            name?: string;
            requireIdentityVerification?: boolean;
            settings?: {
                /** @description Upload limits (defaults: 10 MB; images, PDF, plain text, office formats) */
                attachments?: {
                    allowedTypes?: string[];
                    /** @description Capped by ATTACHMENT_MAX_BYTES */
                    maxBytes?: number;
                };
                businessHours?: {
                    /** @description Sent as a system message to a visitor writing outside hours (at most once a day) */
                    offlineMessage?: string;
                    /** @description IANA time zone the hours are in */
                    timezone: string;
                    /** @description Opening hours per weekday; an empty list is always closed */
                    weekly: {
                        /** @description 0 = Sunday … 6 = Saturday */
                        day: number;
                        from: string;
                        to: string;
                    }[];
                } | null;
                color?: string;
                csat?: {
                    /** @description Ask the visitor for a 1–5 rating when an agent resolves */
                    enabled: boolean;
                };
                greeting?: string;
                name?: string;
            };
        };
        UpdateTeamDto: {
            name: string;
        };
        UpdateVisitorDto: {
            /** @description A blocked visitor cannot send messages, start sessions, upload files or rate (403 VISITOR_BLOCKED) */
            blocked?: boolean;
            /** Format: email */
            email?: string | null;
            /** @description Replaces what is stored */
            metadata?: {
                [key: string]: (string | null) | (number | null) | (boolean | null);
            };
            name?: string | null;
            /** @description With blocked: true, also resolves the visitor's conversations that are not resolved */
            resolveOpen?: boolean;
        };
        UpdateWebhookDto: {
            description?: string | null;
            enabled?: boolean;
            /** @description Event types to receive; "*" (the default) is every type, including later ones */
            events?: ("*" | "conversation.created" | "conversation.updated" | "message.created" | "visitor.created" | "visitor.updated" | "csat.submitted")[];
            /** @description Also send message.created for internal notes */
            includePrivate?: boolean;
            url?: string;
        };
        UserResponseDto: {
            /** Format: date-time */
            createdAt: string;
            email: string;
            /** Format: uuid */
            id: string;
            name: string;
            notifications: {
                /** @description Mail me a new conversation while no agent of the project is online */
                newConversation: boolean;
                /** @description Mail me (owners/admins) when a webhook endpoint is disabled */
                webhookDisabled: boolean;
            };
        };
        VisitorExportResponseDto: {
            conversations: {
                attachments: {
                    contentType: string;
                    /** Format: date-time */
                    createdAt: string;
                    height: number | null;
                    /** Format: uuid */
                    id: string;
                    /**
                     * Format: uuid
                     * @description Null while not attached to a sent message
                     */
                    messageId: string | null;
                    name: string;
                    /** @enum {string} */
                    sender: "visitor" | "agent" | "system";
                    size: number;
                    width: number | null;
                }[];
                /** Format: date-time */
                createdAt: string;
                /** Format: uuid */
                id: string;
                /** Format: date-time */
                lastMessageAt: string;
                messages: {
                    authorName: string | null;
                    body: string;
                    /** Format: date-time */
                    createdAt: string;
                    /** Format: uuid */
                    id: string;
                    /** @description An internal note of the team */
                    private: boolean;
                    /** @enum {string} */
                    sender: "visitor" | "agent" | "system";
                    seq: number;
                }[];
                /** @description Their satisfaction rating of it, if they gave one */
                rating: {
                    comment: string | null;
                    /** Format: date-time */
                    createdAt: string;
                    score: number;
                    /** Format: date-time */
                    updatedAt: string;
                } | null;
                /** @enum {string} */
                status: "open" | "pending" | "resolved" | "snoozed";
            }[];
            /**
             * Format: date-time
             * @description When they used the unsubscribe link of a continuity mail (null: never)
             */
            emailOptOutAt: string | null;
            /** @description The profile, blocked state included */
            visitor: {
                blocked: boolean;
                /** Format: date-time */
                blockedAt: string | null;
                /** Format: date-time */
                createdAt: string;
                email: string | null;
                /** @description The site's user id (trusted only when verified) */
                externalId: string | null;
                /** Format: uuid */
                id: string;
                /** Format: date-time */
                lastSeenAt: string;
                metadata: {
                    [key: string]: unknown;
                };
                name: string | null;
                /** Format: uuid */
                projectId: string;
                verified: boolean;
            };
        };
        VisitorResponseDto: {
            blocked: boolean;
            /** Format: date-time */
            blockedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            email: string | null;
            /** @description The site's user id (trusted only when verified) */
            externalId: string | null;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            lastSeenAt: string;
            metadata: {
                [key: string]: unknown;
            };
            name: string | null;
            /** Format: uuid */
            projectId: string;
            verified: boolean;
        };
        VisitorSendResponseDto: {
            conversation: {
                /** @description Read receipt: the agents have read up to here */
                agentLastReadSeq: number;
                /** Format: date-time */
                createdAt: string;
                /** Format: uuid */
                id: string;
                /** Format: date-time */
                lastMessageAt: string;
                lastMessagePreview: string | null;
                lastSeq: number;
                /** @enum {string} */
                status: "open" | "pending" | "resolved" | "snoozed";
                visitorLastReadSeq: number;
            };
            message: {
                /** @description Files attached to the message (empty when none) */
                attachments: {
                    /** @description Sniffed from the bytes, never taken from the client */
                    contentType: string;
                    /** @description Images: pixels */
                    height?: number;
                    /** Format: uuid */
                    id: string;
                    /** @description Sanitised filename */
                    name: string;
                    /** @description Bytes */
                    size: number;
                    /** @description Images: pixels */
                    width?: number;
                }[];
                /** @description The agent's public name and avatar (agent messages); null for visitor and system messages */
                author: {
                    avatarUrl: string | null;
                    name: string;
                } | null;
                /** Format: uuid */
                authorId: string | null;
                body: string;
                clientMessageId: string;
                /** Format: uuid */
                conversationId: string;
                /** Format: date-time */
                createdAt: string;
                /** Format: uuid */
                id: string;
                private: boolean;
                /** @enum {string} */
                sender: "visitor" | "agent" | "system";
                /** @description Per-conversation monotonic sequence; the history and resync cursor */
                seq: number;
            };
            /** Format: uuid */
            visitorId: string;
            /** @description Send as X-Visitor-Token on later widget requests */
            visitorToken: string;
        };
        WebhookDeliveryResponseDto: {
            /** @description Every attempt, oldest first */
            attemptLog: {
                /** Format: date-time */
                at: string;
                attempt: number;
                durationMs: number;
                error: string | null;
                statusCode: number | null;
            }[];
            attempts: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            deliveredAt: string | null;
            eventId: string;
            /** Format: uuid */
            id: string;
            lastDurationMs: number | null;
            lastError: string | null;
            /** @description At most 1 KB of the last response body */
            lastResponse: string | null;
            lastStatusCode: number | null;
            /** Format: date-time */
            nextAttemptAt: string | null;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            type: string;
            /** Format: uuid */
            webhookId: string;
        };
        WebhookResponseDto: {
            /** Format: date-time */
            createdAt: string;
            description: string | null;
            /**
             * @description Why it was turned off automatically: a 410 answer, or 3 days of failures
             * @enum {string|null}
             */
            disabledReason: "gone" | "failing" | null;
            enabled: boolean;
            events: string[];
            /** Format: uuid */
            id: string;
            includePrivate: boolean;
            /**
             * Format: date-time
             * @description Until then the previous secret signs alongside the current one
             */
            previousSecretExpiresAt: string | null;
            /** Format: uuid */
            projectId: string;
            /** Format: date-time */
            updatedAt: string;
            url: string;
        };
        WebhookWithSecretResponseDto: {
            /** Format: date-time */
            createdAt: string;
            description: string | null;
            /**
             * @description Why it was turned off automatically: a 410 answer, or 3 days of failures
             * @enum {string|null}
             */
            disabledReason: "gone" | "failing" | null;
            enabled: boolean;
            events: string[];
            /** Format: uuid */
            id: string;
            includePrivate: boolean;
            /**
             * Format: date-time
             * @description Until then the previous secret signs alongside the current one
             */
            previousSecretExpiresAt: string | null;
            /** Format: uuid */
            projectId: string;
            /** @description Signing secret (whsec_…); shown only on create and rotate-secret */
            secret: string;
            /** Format: date-time */
            updatedAt: string;
            url: string;
        };
        WidgetConfigResponseDto: {
            agentsOnline: boolean;
            color: string | null;
            /** @description The widget asks for a rating after a resolve */
            csatEnabled: boolean;
            greeting: string | null;
            name: string;
            /**
             * Format: date-time
             * @description When the business hours open next, if now is outside them
             */
            nextOpenAt: string | null;
            /** @description What to show while outside business hours */
            offlineMessage: string | null;
            /** @description An agent is online and it is within business hours */
            online: boolean;
            /** Format: uuid */
            projectId: string;
            requireIdentityVerification: boolean;
            /** @description Within business hours (always true without a schedule) */
            withinHours: boolean;
        };
        WidgetConversationItemDto: {
            /** @description Read receipt: the agents have read up to here */
            agentLastReadSeq: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            lastMessageAt: string;
            lastMessagePreview: string | null;
            lastSeq: number;
            /** @enum {string} */
            status: "open" | "pending" | "resolved" | "snoozed";
            /** @description Agent replies after the visitor read marker */
            unreadCount: number;
            visitorLastReadSeq: number;
        };
        WidgetRatingStateResponseDto: {
            /** @description A rating can be given or changed now */
            editable: boolean;
            rating: {
                comment?: string | null;
                /** Format: uuid */
                conversationId?: string;
                /** Format: date-time */
                createdAt?: string;
                /**
                 * Format: date-time
                 * @description The visitor can change it until then (7 days)
                 */
                editableUntil?: string;
                /** Format: uuid */
                id?: string;
                score?: number;
                /** Format: date-time */
                updatedAt?: string;
            } | null;
            /** @description Resolved with ratings on and not rated yet: show the rating card */
            requested: boolean;
        };
        WidgetSessionDto: {
            visitor?: {
                /** Format: email */
                email?: string;
                /** @description The site's own user id */
                externalId?: string;
                metadata?: {
                    [key: string]: (string | null) | (number | null) | (boolean | null);
                };
                name?: string;
                /** @description HMAC-SHA256(project secret, externalId), computed on the site server */
                userHash?: string;
            };
        };
        WidgetSessionResponseDto: {
            visitor: {
                email: string | null;
                /** Format: uuid */
                id: string;
                name: string | null;
                verified: boolean;
            };
            visitorToken: string;
        };
    };
    responses: {
        /** @description VALIDATION_FAILED (`error.details` names each field) or INVALID_ID */
        BadRequest: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description Error envelope; `error.code` is one of the stable codes (see docs/api.md) */
        Error: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description Not found, or not visible to the caller (a `*_NOT_FOUND` code) */
        NotFound: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description UNAUTHENTICATED, TOKEN_EXPIRED, TOKEN_INVALID or a widget credential code */
        Unauthorized: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description The request id (a valid incoming `x-request-id` is kept); quote it when reporting a problem */
        RequestId: string;
        /** @description Seconds to wait before trying again */
        RetryAfter: number;
        /** @description A renewed visitor token (sliding expiry): when present, store it and send it from now on, or the visitor is lost when the old token expires */
        VisitorToken: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AttachmentsController_upload: {
        parameters: {
            query: {
                /** @description The conversation the file is for */
                conversationId: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description One file
                     */
                    file: string;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "X-Visitor-Token": components["headers"]["VisitorToken"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AttachmentResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description RATE_LIMITED; the Retry-After header says when to retry (s) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            default: components["responses"]["Error"];
        };
    };
    AttachmentsController_download: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "X-Visitor-Token": components["headers"]["VisitorToken"];
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    AttachmentContentController_content: {
        parameters: {
            query: {
                /** @description Seconds since the epoch */
                expires: string;
                signature: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    AttachmentsController_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "X-Visitor-Token": components["headers"]["VisitorToken"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AttachmentLinkResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    AuthController_login: {
        parameters: {
            query?: never;
            header?: {
                /** @description The console: set the refresh token as an HttpOnly cookie (Path=/api/v1/auth), not in the body */
                "x-refresh-cookie"?: "1";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AuthResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description RATE_LIMITED; the Retry-After header says when to retry (s) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            default: components["responses"]["Error"];
        };
    };
    AuthController_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Error"];
        };
    };
    AuthController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["UserResponseDto"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Error"];
        };
    };
    AuthController_updateMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateMeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["UserResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Error"];
        };
    };
    AuthController_forgotPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ForgotPasswordDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AcceptedResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description RATE_LIMITED; the Retry-After header says when to retry (s) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            default: components["responses"]["Error"];
        };
    };
    AuthController_resetPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetPasswordDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            /** @description RATE_LIMITED; the Retry-After header says when to retry (s) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            default: components["responses"]["Error"];
        };
    };
    AuthController_refresh: {
        parameters: {
            query?: never;
            header?: {
                /** @description The console: set the refresh token as an HttpOnly cookie (Path=/api/v1/auth), not in the body */
                "x-refresh-cookie"?: "1";
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RefreshDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["TokensResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description RATE_LIMITED; the Retry-After header says when to retry (s) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            default: components["responses"]["Error"];
        };
    };
    AuthController_register: {
        parameters: {
            query?: never;
            header?: {
                /** @description The console: set the refresh token as an HttpOnly cookie (Path=/api/v1/auth), not in the body */
                "x-refresh-cookie"?: "1";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AuthResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description RATE_LIMITED; the Retry-After header says when to retry (s) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            default: components["responses"]["Error"];
        };
    };
    CannedResponsesController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    CannedResponsesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateCannedResponseDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["CannedResponseResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    ConversationsController_list: {
        parameters: {
            query?: {
                /** @description 'me', 'none' or a user id */
                assignee?: ("me" | "none") | string;
                cursor?: string;
                /** @description Only conversations with this label */
                label?: string;
                limit?: string;
                projectId?: string;
                status?: "open" | "pending" | "resolved" | "snoozed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["InboxItemResponseDto"][];
                        meta?: {
                            hasMore?: boolean;
                            nextCursor?: string | null;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Error"];
        };
    };
    ConversationsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ConversationDetailResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    ConversationsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateConversationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ConversationResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    ConversationsController_setLabels: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetConversationLabelsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ConversationResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    MessagesAgentController_history: {
        parameters: {
            query?: {
                /** @description Messages with seq above this (catch up, oldest first) */
                after?: string;
                /** @description Messages with seq below this (older page) */
                before?: string;
                limit?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MessageResponseDto"][];
                        meta?: {
                            hasMore?: boolean;
                            nextCursor?: string | null;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    MessagesAgentController_reply: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendAgentMessageDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MessageResponseDto"];
                    };
                };
            };
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MessageResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    CsatController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ConversationRatingResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    ConversationsController_read: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["MarkReadDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ReadStateResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            /** @description RATE_LIMITED; the Retry-After header says when to retry (s) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            default: components["responses"]["Error"];
        };
    };
    TeamsController_accept: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptInvitationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["TeamResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Error"];
        };
    };
    LabelsController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    LabelsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateLabelDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["LabelResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    MessagesWidgetController_send: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendVisitorMessageDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "X-Visitor-Token": components["headers"]["VisitorToken"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["VisitorSendResponseDto"];
                    };
                };
            };
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "X-Visitor-Token": components["headers"]["VisitorToken"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["VisitorSendResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description RATE_LIMITED; the Retry-After header says when to retry (s) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            default: components["responses"]["Error"];
        };
    };
    MessagesWidgetController_history: {
        parameters: {
            query?: {
                /** @description Messages with seq above this (catch up, oldest first) */
                after?: string;
                /** @description Messages with seq below this (older page) */
                before?: string;
                limit?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "X-Visitor-Token": components["headers"]["VisitorToken"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MessageResponseDto"][];
                        meta?: {
                            hasMore?: boolean;
                            nextCursor?: string | null;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    MessagesWidgetController_read: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["MarkReadDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "X-Visitor-Token": components["headers"]["VisitorToken"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ReadStateResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            /** @description RATE_LIMITED; the Retry-After header says when to retry (s) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            default: components["responses"]["Error"];
        };
    };
    NotificationsController_unsubscribe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description From a continuity mail's unsubscribe link */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["UnsubscribedResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    ProjectsController_list: {
        parameters: {
            query?: {
                teamId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ProjectResponseDto"][];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Error"];
        };
    };
    ProjectsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProjectDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ProjectWithSecretResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Error"];
        };
    };
    ProjectsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ProjectResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    ProjectsController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    ProjectsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateProjectDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ProjectResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    ProjectsController_rotateKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ProjectResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    ProjectsController_rotateSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ProjectWithSecretResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    ContactsController_list: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
                /** @description Part of a name, email or external id */
                q?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["VisitorResponseDto"][];
                        meta?: {
                            hasMore?: boolean;
                            nextCursor?: string | null;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    WebhooksController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookResponseDto"][];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    WebhooksController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookWithSecretResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    ReportsController_summary: {
        parameters: {
            query: {
                /** @description The first day (YYYY-MM-DD); default: 29 days before `to` */
                from?: string;
                /** @description Weeks start on Monday */
                interval?: "day" | "week";
                /** @description Only this project of the team (default: all of them) */
                projectId?: string;
                teamId: string;
                /** @description Days and weeks are cut in this time zone */
                timezone?: string;
                /** @description The last day included (YYYY-MM-DD); default: today in `timezone` */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ReportSummaryResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Error"];
        };
    };
    SearchController_find: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
                projectId?: string;
                /** @description Without q nothing matches (the result is empty). Words ("a phrase", or, -word); the last word also matches as a prefix while typing */
                q?: string;
                status?: "open" | "pending" | "resolved" | "snoozed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["SearchResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Error"];
        };
    };
    TeamsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["TeamResponseDto"][];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Error"];
        };
    };
    TeamsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTeamDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["TeamResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Error"];
        };
    };
    TeamsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["TeamResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    TeamsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTeamDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["TeamResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    TeamsController_invitations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["InvitationResponseDto"][];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    TeamsController_invite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InviteMemberDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["CreatedInvitationResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    TeamsController_revokeInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    TeamsController_members: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MemberResponseDto"][];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    TeamsController_removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    TeamsController_changeRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeRoleDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MemberResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    CannedResponsesController_list: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["CannedResponseResponseDto"][];
                        meta?: {
                            hasMore?: boolean;
                            nextCursor?: string | null;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    CannedResponsesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCannedResponseDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["CannedResponseResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    LabelsController_list: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["LabelResponseDto"][];
                        meta?: {
                            hasMore?: boolean;
                            nextCursor?: string | null;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    LabelsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateLabelDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["LabelResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    ContactsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["VisitorResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    ContactsController_erase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Erased */
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    ContactsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateVisitorDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["UpdatedVisitorResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    ContactsController_conversations: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ConversationResponseDto"][];
                        meta?: {
                            hasMore?: boolean;
                            nextCursor?: string | null;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    ContactsController_export: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["VisitorExportResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    WebhooksController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    WebhooksController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    WebhooksController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    WebhooksController_deliveries: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookDeliveryResponseDto"][];
                        meta?: {
                            hasMore?: boolean;
                            nextCursor?: string | null;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    WebhooksController_retry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deliveryId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookDeliveryResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    WebhooksController_rotateSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookWithSecretResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    WebhooksController_test: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookDeliveryResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    WidgetController_config: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "X-Visitor-Token": components["headers"]["VisitorToken"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WidgetConfigResponseDto"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Error"];
        };
    };
    ConversationsWidgetController_list: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "X-Visitor-Token": components["headers"]["VisitorToken"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WidgetConversationItemDto"][];
                        meta?: {
                            hasMore?: boolean;
                            nextCursor?: string | null;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Error"];
        };
    };
    CsatWidgetController_state: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "X-Visitor-Token": components["headers"]["VisitorToken"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WidgetRatingStateResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    CsatWidgetController_rate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RateConversationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "X-Visitor-Token": components["headers"]["VisitorToken"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["RatingResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            /** @description RATE_LIMITED; the Retry-After header says when to retry (s) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            default: components["responses"]["Error"];
        };
    };
    WidgetController_session: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["WidgetSessionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    "X-Visitor-Token": components["headers"]["VisitorToken"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WidgetSessionResponseDto"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description RATE_LIMITED; the Retry-After header says when to retry (s) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            default: components["responses"]["Error"];
        };
    };
    HealthController_check: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["HealthResponseDto"];
                    };
                };
            };
            /** @description SERVICE_UNAVAILABLE; `error.details` names what is down (`path`), e.g. `database` */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            default: components["responses"]["Error"];
        };
    };
}
