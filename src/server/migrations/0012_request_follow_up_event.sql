-- 0012: a worker's follow-up on an answered request sends it back to the union (answered →
-- assigned/open); that change of status is now in the request's history like every other one.
ALTER TABLE service_request_events DROP CONSTRAINT service_request_events_action_check;
ALTER TABLE service_request_events ADD CONSTRAINT service_request_events_action_check
  CHECK (action IN ('created', 'assigned', 'transferred', 'answered', 'followed_up', 'closed', 'reopened', 'escalated', 'auto_closed', 'erased'));
