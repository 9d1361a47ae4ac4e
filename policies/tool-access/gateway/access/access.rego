# The sample gateway's tool-access policy: may a caller invoke a tool on a resource, now?
#
# Input, as the gateway builds it for each request:
#   {"user": "alice", "roles": ["admin"], "tenant": "acme", "tool": "deploy",
#    "resource": {"tenant": "acme", "sensitivity": "confidential"}, "time": "2026-03-04T10:00:00Z"}
#
# allow needs every check to pass, so anything missing from the input denies; deny says why, for the caller.
package gateway.access

# METADATA
# title: Whether the caller may invoke the tool, and why not
# entrypoint: true
decision := {"allow": allow, "reasons": sort(deny)}

# METADATA
# title: Whether the caller may invoke the tool
# entrypoint: true
default allow := false

allow if {
	role_admits
	same_tenant
	tool_enabled
	clearance_suffices
	in_time_window
}

tool := data.tools[input.tool]

tenant := data.tenants[input.tenant]

default user := "the caller"

user := input.user

# Role-based access: one of the caller's roles must be among the tool's roles.
role_admits if {
	some role in input.roles
	role in tool.roles
}

deny contains sprintf("unknown tool %s", [input.tool]) if not tool

deny contains sprintf("no role of %s may invoke %s", [user, input.tool]) if {
	tool
	not role_admits
}

# Tenant isolation: a caller acts only on resources of their own tenant, with tools their tenant has enabled.
same_tenant if input.resource.tenant == input.tenant

tool_enabled if input.tool in tenant.tools

deny contains "the request names no tenant" if not input.tenant

deny contains sprintf("unknown tenant %s", [input.tenant]) if {
	input.tenant
	not tenant
}

deny contains "the resource names no tenant" if not input.resource.tenant

deny contains sprintf("tenant %s may not act on resources of tenant %s", [input.tenant, input.resource.tenant]) if {
	input.resource.tenant != input.tenant
}

deny contains sprintf("tool %s is not enabled for tenant %s", [input.tool, input.tenant]) if {
	tool
	tenant
	not tool_enabled
}

# Sensitivity levels: the resource's level may not exceed the highest clearance of the caller's roles.
clearance := max({data.clearances.levels[data.clearances.roles[role]] | some role in input.roles})

clearance_suffices if clears(data.clearances.levels[input.resource.sensitivity])

clears(level) if clearance >= level

deny contains "the resource names no sensitivity" if not input.resource.sensitivity

deny contains sprintf("unknown sensitivity %s", [input.resource.sensitivity]) if {
	input.resource.sensitivity
	not data.clearances.levels[input.resource.sensitivity]
}

deny contains sprintf("%s data needs a higher clearance than the roles of %s give", [input.resource.sensitivity, user]) if {
	level := data.clearances.levels[input.resource.sensitivity]
	not clears(level)
}

# Time windows: a tool with a window may be invoked only on its days and hours, in the tenant's time zone.
in_time_window if not tool.window

in_time_window if {
	now := time.parse_rfc3339_ns(input.time)
	zone := tenant.timezone
	time.weekday([now, zone]) in tool.window.days
	[hour, _, _] := time.clock([now, zone])
	hour >= tool.window.from_hour
	hour < tool.window.to_hour
}

deny contains sprintf("%s may be invoked only %s", [input.tool, tool.window.description]) if {
	tool.window
	not in_time_window
}
