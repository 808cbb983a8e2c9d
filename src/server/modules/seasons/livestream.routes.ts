import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../platform/context.js';

/** Livestream rooms: the public room, in-room apply, the host's console. */
export const livestreamRoutes = (_ctx: AppContext): FastifyPluginAsync => async () => {};
