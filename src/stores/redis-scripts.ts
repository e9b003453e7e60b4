import { defineLuaScript } from "./lua-script.js";

/** KEYS[1] = key, ARGV[1] = token. Deletes the key only while it still holds the token; returns 1 if deleted. */
export const compareAndDelete = defineLuaScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then
  return redis.call("DEL", KEYS[1])
end
return 0
`);

/** KEYS[1] = key, ARGV[1] = token, ARGV[2] = ttl in ms. Extends the key only while it holds the token; 1 if so. */
export const compareAndPexpire = defineLuaScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then
  return redis.call("PEXPIRE", KEYS[1], ARGV[2])
end
return 0
`);

/**
 * KEYS[1] = key, ARGV[1] = "1" if a value is expected ("0": the key must be absent), ARGV[2] = expected value,
 * ARGV[3] = new value. Sets the key (no expiry) only if it still holds what the caller read; 1 if set.
 */
export const compareAndSet = defineLuaScript(`
local current = redis.call("GET", KEYS[1])
if (ARGV[1] == "0" and current == false) or (ARGV[1] == "1" and current == ARGV[2]) then
  redis.call("SET", KEYS[1], ARGV[3])
  return 1
end
return 0
`);

/**
 * KEYS[1] = key, ARGV[1] = fingerprint, ARGV[2] = new JSON record, ARGV[3] = ttl in ms. Writes the record unless
 * the key holds a record of another fingerprint (the claim expired and another request took the key); 1 if written.
 */
export const setIfSameFingerprint = defineLuaScript(`
local current = redis.call("GET", KEYS[1])
if current then
  local ok, record = pcall(cjson.decode, current)
  if ok and type(record) == "table" and record.fingerprint ~= ARGV[1] then return 0 end
end
redis.call("SET", KEYS[1], ARGV[2], "PX", ARGV[3])
return 1
`);

/**
 * KEYS[1] = key, ARGV[1] = fingerprint. Deletes a `pending` record of that fingerprint; 1 if deleted.
 */
export const deletePendingOfFingerprint = defineLuaScript(`
local current = redis.call("GET", KEYS[1])
if not current then return 0 end
local ok, record = pcall(cjson.decode, current)
if ok and type(record) == "table" and record.fingerprint == ARGV[1] and record.status == "pending" then
  return redis.call("DEL", KEYS[1])
end
return 0
`);
