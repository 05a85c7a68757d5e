"""The audit log (issue #4): who did what, when, from where; the hash
chain that mesure-admin audit-verify recomputes; the administrator's view.
Also the mesure-admin account commands, which write to it."""
import os
import re
import subprocess

from test_auth_helpers import *

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ADMIN_TOOL = os.path.join(TOP, "build", "mesure-admin")


def mesure_admin(*args, stdin=""):
    env = dict(os.environ, MESURE_DATABASE=DB)
    env.pop("MESURE_PUBLIC_ORIGIN", None)
    out = subprocess.run([ADMIN_TOOL] + list(args), input=stdin, env=env,
                         capture_output=True, text=True, timeout=60)
    return out.returncode, out.stdout, out.stderr


def last_audit(action, actor=None):
    # coalesce: the sql() helper cannot read NULLs (its marker, U+001E,
    # is a line break for str.splitlines()).
    rows = sql("select actor, coalesce(host(ip), ''), coalesce(object_type,"
               " ''), coalesce(object_id, ''), detail::text, "
               "coalesce(organisation_id::text, '') from audit_log "
               "where action = :'p1' and "
               "(:'p2' = '' or actor = :'p2') order by id desc limit 1",
               action, actor or "")
    assert rows, "no %s row for %s" % (action, actor)
    return rows[0]


def test_signins_signouts_and_failures_are_audited_with_the_address():
    c = Client()
    c.signin(COORD)
    actor, ip, otype, oid, detail, org = last_audit("auth.signin", COORD)
    assert ip == c.ip and otype == "session" and oid, (ip, otype)
    org1 = sql_value("select id from organisations where slug = "
                     "'action-numerique'")
    assert org == org1
    expect(c.post("/deconnexion"), 303)
    assert last_audit("auth.signout", COORD)[1] == c.ip
    bad = Client()
    bad.post("/connexion", {"email": COORD, "password": "wrong-password-x"},
             csrf=False)
    actor, ip, _, _, detail, _ = last_audit("auth.signin_failed", COORD)
    assert ip == bad.ip and '"reason": "password"' in detail, detail
    Client().post("/connexion", {"email": "who@nowhere.example",
                                 "password": "wrong-password-y"}, csrf=False)
    detail = last_audit("auth.signin_failed", "who@nowhere.example")[4]
    assert '"reason": "unknown"' in detail
    # Never a password in the log.
    assert sql_value("select count(*) from audit_log where detail::text "
                     "like '%wrong-password%'") == "0"
    clear_throttle()


def test_user_and_role_changes_are_audited_with_before_and_after():
    admin = signed_in(ADMIN)
    email = "audit.role@action-numerique.example"
    sql("delete from users where email = :'p1'", email)
    la_source = sql_value("select id from sites where code = 'la-source'")
    r = admin.post("/admin/utilisateurs/nouveau", {
        "email": email, "name": "Audrey Audit", "role": "mediator",
        "site": [la_source], "lang": "fr"})
    expect(r, 200)
    uid = user_id(email)
    actor, ip, otype, oid, detail, _ = last_audit("user.create", ADMIN)
    assert (otype, oid) == ("user", uid) and ip == admin.ip
    assert '"role": "mediator"' in detail
    assert last_audit("user.password_link", ADMIN)[3] == uid
    r = admin.post("/admin/utilisateurs/%s" % uid, {
        "email": email, "name": "Audrey Audit", "role": "coordinator",
        "lang": "fr"})
    expect(r, 303)
    detail = last_audit("user.role_change", ADMIN)[4]
    assert '"role": ["mediator", "coordinator"]' in detail, detail
    assert '"sites": [[%s], []]' % la_source in detail, detail
    expect(admin.post("/admin/utilisateurs/%s/desactiver" % uid), 303)
    assert last_audit("user.disable", ADMIN)[3] == uid
    # The administrator sees it in the log of their organisation.
    page = page_text(admin.get("/admin/journal"))
    assert "Compte désactivé" in page and "Rôle changé" in page


def test_an_admin_cannot_demote_or_disable_themselves():
    admin = signed_in(ADMIN)
    me = user_id(ADMIN)
    expect(admin.post("/admin/utilisateurs/%s/desactiver" % me), 409)
    page = admin.get("/admin/utilisateurs/%s" % me)
    assert 'value="admin" checked disabled' in page.text
    r = admin.post("/admin/utilisateurs/%s" % me, {
        "email": ADMIN, "name": "Alex Admin", "role": "mediator",
        "lang": "fr"})
    # The role radios are disabled for oneself: the role stays.
    assert sql_value("select role from users where id = :'p1'", me) == "admin"
    assert r.status in (303, 422), r.status


def test_audit_verify_detects_an_edited_row():
    rc, out, err = mesure_admin("audit-verify")
    assert rc == 0 and "audit chain ok" in out, (out, err)
    anchor = re.search(r'keep "(\d+:[0-9a-f]{64})"', out).group(1)
    victim = sql_value("select id from audit_log where action = "
                       "'auth.signin' order by id limit 1")
    original = sql_value("select actor from audit_log where id = :'p1'",
                         victim)
    sql("alter table audit_log disable trigger audit_log_append_only;"
        "update audit_log set actor = 'someone.else@example.org' "
        "where id = :'p1';"
        "alter table audit_log enable trigger audit_log_append_only", victim)
    try:
        rc, out, err = mesure_admin("audit-verify")
        assert rc == 1, (rc, out, err)
        assert "audit chain broken at row %s" % victim in out, out
        assert "changed after it was written" in out
    finally:
        sql("alter table audit_log disable trigger audit_log_append_only;"
            "update audit_log set actor = :'p2' where id = :'p1';"
            "alter table audit_log enable trigger audit_log_append_only",
            victim, original)
    rc, out, _ = mesure_admin("audit-verify", "--expect", anchor)
    assert rc == 0, out


def test_audit_verify_detects_a_deleted_row_and_a_cut_tail():
    sql("insert into audit_log (action, actor) values ('test.a', 't'), "
        "('test.b', 't'), ('test.c', 't')")
    rc, out, _ = mesure_admin("audit-verify")
    anchor = re.search(r'keep "(\d+:[0-9a-f]{64})"', out).group(1)
    last = anchor.split(":")[0]
    middle = str(int(last) - 1)
    sql("drop table if exists audit_test_keep;"
        "create table audit_test_keep as select * from audit_log "
        "where id >= :'p1'", middle)
    unlocked = "alter table audit_log disable trigger audit_log_append_only;"
    locked = "alter table audit_log enable trigger audit_log_append_only;"
    # The chain trigger would give a re-inserted row a new id and hash.
    restore = ("alter table audit_log disable trigger audit_log_chain;"
               "insert into audit_log select * from audit_test_keep "
               "where id = :'p1';"
               "alter table audit_log enable trigger audit_log_chain;")
    try:
        sql(unlocked + "delete from audit_log where id = :'p1';" + locked,
            middle)
        rc, out, _ = mesure_admin("audit-verify")
        assert rc == 1 and "audit chain broken at row %s" % last in out, out
        assert "does not follow the row before" in out
        sql(restore, middle)
        rc, out, _ = mesure_admin("audit-verify")
        assert rc == 0, out
        # A cut tail: the anchor kept elsewhere shows it.
        sql(unlocked + "delete from audit_log where id = :'p1';" + locked,
            last)
        rc, out, _ = mesure_admin("audit-verify", "--expect", anchor)
        assert rc == 1 and "is missing" in out, out
        rc, out, _ = mesure_admin("audit-verify")
        assert rc == 0 and "sequence is at" in out, out
        sql(restore, last)
        rc, out, _ = mesure_admin("audit-verify", "--expect", anchor)
        assert rc == 0, out
    finally:
        for rid in (middle, last):
            sql("alter table audit_log disable trigger audit_log_chain;"
                "insert into audit_log select * from audit_test_keep k "
                "where id = :'p1' and not exists (select 1 from audit_log a "
                "where a.id = k.id);"
                "alter table audit_log enable trigger audit_log_chain;", rid)
        sql("drop table audit_test_keep")


def test_mesure_admin_creates_users_and_sets_passwords():
    email = "cli.user@action-numerique.example"
    sql("delete from users where email = :'p1'", email)
    rc, out, err = mesure_admin("user-add", email, "mediator", "--site",
                                "argonne", "--name", "Claude Cli")
    assert rc == 0, (out, err)
    m = re.search(r"/mot-de-passe/([0-9a-f]{64})", out)
    assert m, out
    expect(Client().get(m.group(0)), 200)
    assert last_audit("user.create", "mesure-admin")[3] == user_id(email)
    rc, _, err = mesure_admin("user-add", email, "mediator", "--site",
                              "argonne")
    assert rc == 1 and "already has an account" in err
    rc, _, err = mesure_admin("user-add", "x@action-numerique.example",
                              "mediator", "--site", "montargis-gare",
                              "--org", "action-numerique")
    assert rc == 1 and "sites of the organisation" in err, err
    rc, _, err = mesure_admin("user-add", "y@action-numerique.example",
                              "wizard")
    assert rc == 2
    rc, _, err = mesure_admin("set-password", email, stdin="password1234\n")
    assert rc == 1 and "refused" in err
    rc, out, err = mesure_admin("set-password", email,
                                stdin="Claude aime les longues phrases\n")
    assert rc == 0, err
    h = sql_value("select password_hash from users where email = :'p1'",
                  email)
    assert h.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    c = signed_in(email, "Claude aime les longues phrases")
    # The link died with the new password.
    expect(Client().get(m.group(0)), 404)
    rc, out, _ = mesure_admin("user-disable", email)
    assert rc == 0
    expect(c.get("/espace"), 303)
    rc, out, _ = mesure_admin("user-list")
    assert re.search(r"cli.user@action-numerique.example\s+mediator\s+"
                     r"action-numerique\s+disabled", out), out
    rc, out, _ = mesure_admin("user-enable", email)
    assert rc == 0
    signed_in(email, "Claude aime les longues phrases")


def test_other_areas_can_write_audit_rows():
    """audit_write(), the SQL API every area calls."""
    rid = sql_value("select audit_write(u.id, u.managed_by, u.email, "
                    "'203.0.113.5', 'export.raw', 'convention', '12', "
                    "'{\"rows\": 10}') from users u where u.email = :'p1'",
                    COORD)
    row = sql("select actor, host(ip), action, detail::text, prev_hash = "
              "(select hash from audit_log where id < a.id order by id desc "
              "limit 1) from audit_log a where id = :'p1'", rid)[0]
    assert row == [COORD, "203.0.113.5", "export.raw", '{"rows": 10}', "t"]
    rc, out, _ = mesure_admin("audit-verify")
    assert rc == 0, out
