package audit

import "context"

type actorKey struct{}

// WithActor returns a context that carries who is acting, for writes whose
// signatures do not name an actor (account changes made through the
// account service). The web layer sets the signed-in user; commands set
// System(command).
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor ctx carries, or System("ogpp") when none was
// set, so that no write goes unattributed.
func ActorFrom(ctx context.Context) Actor {
	if a, ok := ctx.Value(actorKey{}).(Actor); ok && a.Name != "" {
		return a
	}
	return System("ogpp")
}
