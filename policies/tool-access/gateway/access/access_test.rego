# Unit tests of the tool-access policy, run as opa test runs them: `sark-opa test policies/tool-access`, and in the
# sample gateway's `mvn test` through JUnit (RegoPolicyTest).
package gateway.access_test

import data.gateway.access

wednesday_berlin := "2026-03-04T10:00:00Z"

request(user, roles, tool, sensitivity) := {
	"user": user,
	"roles": roles,
	"tenant": "acme",
	"tool": tool,
	"resource": {"tenant": "acme", "sensitivity": sensitivity},
	"time": wednesday_berlin,
}

test_an_admin_may_deploy if {
	access.allow with input as request("alice", ["admin"], "deploy", "restricted")
}

test_a_guest_may_not_review_code if {
	not access.allow with input as request("dave", ["guest"], "code-review", "public")
	"no role of dave may invoke code-review" in access.deny with input as request("dave", ["guest"], "code-review", "public")
}

test_another_tenants_resource_is_refused if {
	# object.union merges recursively: only the resource's tenant changes
	req := object.union(request("alice", ["admin"], "search", "public"), {"resource": {"tenant": "globex"}})
	access.decision == {
		"allow": false,
		"reasons": ["tenant acme may not act on resources of tenant globex"],
	} with input as req
}

test_deploy_outside_working_hours_is_refused if {
	late := object.union(request("bob", ["developer"], "deploy", "internal"), {"time": "2026-03-04T17:00:00Z"})
	not access.allow with input as late
}

test_roles_come_from_data if {
	access.allow with input as request("erin", ["auditor"], "reports", "internal")
		with data.clearances.roles.auditor as "internal"
		with data.tools.reports.roles as ["auditor"]
}
