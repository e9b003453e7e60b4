import { describe, expect, it } from "vitest";
import { ConfigError, hashApiKey, loadConfig } from "../src/config.js";
import { DEFAULT_PLAN_CAP_RULES } from "../src/domain/capacity/plan.js";

const ACCOUNT_ENV = {
  RINGCENTRAL_SERVER_URL: "https://platform.ringcentral.com",
  RINGCENTRAL_CLIENT_ID: "client-id",
  RINGCENTRAL_CLIENT_SECRET: "client-secret-value",
  RINGCENTRAL_JWT: "jwt-credential-value",
  RINGCENTRAL_ACCOUNT_ID: "123456789",
  HEADROOM_API_KEY: "an-operator-api-key-0001",
};

describe("loadConfig", () => {
  it("defaults to demo mode on port 4000 with no environment", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ mode: "demo", port: 4000, host: "127.0.0.1", accounts: [], cacheTtlMs: 30_000 });
    expect(config.capacity.planCapRules).toEqual(DEFAULT_PLAN_CAP_RULES);
  });

  it("connects to one account from the environment, owned by a default tenant holding the hashed key", () => {
    const config = loadConfig(ACCOUNT_ENV);
    expect(config.mode).toBe("connected");
    expect(config.accounts).toEqual([
      {
        accountId: "123456789",
        serverUrl: "https://platform.ringcentral.com",
        clientId: "client-id",
        clientSecret: "client-secret-value",
        jwt: "jwt-credential-value",
      },
    ]);
    expect(config.tenants).toEqual([
      {
        id: "default",
        name: "Default tenant",
        accountIds: ["123456789"],
        apiKeys: [{ sha256: hashApiKey(ACCOUNT_ENV.HEADROOM_API_KEY), role: "operator" }],
      },
    ]);
    expect(JSON.stringify(config.tenants)).not.toContain(ACCOUNT_ENV.HEADROOM_API_KEY);
  });

  it("reads accounts, tenants and plan-cap rules from the config file", () => {
    const config = loadConfig(
      {},
      {
        accounts: [{ ...fileAccount("111"), limit: 7 }, fileAccount("222")],
        tenants: [
          { id: "t1", name: "T1", accountIds: ["111"], apiKeys: [{ key: "a-long-enough-api-key", role: "viewer" }] },
        ],
        planCapRules: [{ match: { edition: "Core" }, cap: 20, kind: "PLAN" }],
      },
    );
    expect(config.accounts.map((a) => a.accountId)).toEqual(["111", "222"]);
    expect(config.capacity.accounts["111"]).toMatchObject({ limit: 7 });
    expect(config.capacity.planCapRules).toEqual([{ match: { edition: "Core" }, cap: 20, kind: "PLAN" }]);
    expect(config.tenants[0]!.apiKeys).toEqual([{ sha256: hashApiKey("a-long-enough-api-key"), role: "viewer" }]);
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ PORT: "", REDIS_URL: "" })).toMatchObject({ port: 4000, redisUrl: undefined });
  });

  it.each([
    [{ PORT: "eighty" }, /PORT/],
    [{ PORT: "70000" }, /PORT/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL/],
    [{ REDIS_URL: "not a url" }, /REDIS_URL/],
    [{ HEADROOM_DEMO_API_KEY: "short" }, /HEADROOM_DEMO_API_KEY/],
    [{ ...ACCOUNT_ENV, RINGCENTRAL_JWT: undefined }, /RINGCENTRAL_JWT/],
    [{ ...ACCOUNT_ENV, RINGCENTRAL_ACCOUNT_ID: "~" }, /RINGCENTRAL_ACCOUNT_ID/],
    [{ ...ACCOUNT_ENV, HEADROOM_API_KEY: undefined }, /HEADROOM_API_KEY/],
  ])("names the bad variable in %j", (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it("never echoes a secret in its error", () => {
    const env = { ...ACCOUNT_ENV, RINGCENTRAL_SERVER_URL: "client-secret-value" };
    expect(() => loadConfig(env)).toThrow(/RINGCENTRAL_SERVER_URL/);
    expect(() => loadConfig(env)).not.toThrow(/client-secret-value/);
  });

  it.each([
    [
      {
        accounts: [
          {
            ...fileAccount("1"),
            thresholds: {
              warningUtilization: 0.9,
              criticalUtilization: 0.5,
              warningSeatsLeft: 2,
              criticalSeatsLeft: 1,
            },
          },
        ],
        tenants: [tenantFor("1")],
      },
      /thresholds/,
    ],
    [{ planCapRules: [{ match: {}, cap: 4, kind: "PLAN" }] }, /planCapRules/],
    [{ accounts: [fileAccount("1")], tenants: [tenantFor("2")] }, /tenants\[t\]\.accountIds/],
    [{ unknownKey: true }, /unknownKey|root/],
  ])("rejects a bad config file: %j", (file, message) => {
    expect(() => loadConfig({}, file)).toThrow(message);
  });
});

function fileAccount(accountId: string) {
  return { accountId, serverUrl: "https://platform.ringcentral.com", clientId: "c", clientSecret: "s", jwt: "j" };
}

function tenantFor(accountId: string) {
  return { id: "t", name: "T", accountIds: [accountId], apiKeys: [{ key: "a-long-enough-api-key", role: "operator" }] };
}
