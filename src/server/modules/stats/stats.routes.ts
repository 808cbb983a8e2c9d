import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../platform/context.js';

/** Season and event reports (.xlsx, PDF) and the intents CSV. */
export const statsRoutes = (_ctx: AppContext): FastifyPluginAsync => async () => {};
