-- Camel routes an admin paused from the console. A pause holds on every node (each follows this
-- table at start and within mash.routes.pause-check-interval) and across restarts, until an admin
-- resumes the route. Route ids and who paused only. See docs/console.md.
CREATE TABLE route_pause (
    route_id  VARCHAR(100) PRIMARY KEY,
    paused_by VARCHAR(100) NOT NULL,
    paused_at TIMESTAMP WITH TIME ZONE NOT NULL
);
