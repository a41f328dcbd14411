from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AdminPolicy(_message.Message):
    __slots__ = ["policy_id", "providers", "rules", "sticky"]
    POLICY_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    RULES_FIELD_NUMBER: _ClassVar[int]
    STICKY_FIELD_NUMBER: _ClassVar[int]
    policy_id: str
    providers: _containers.RepeatedCompositeFieldContainer[AdminProvider]
    rules: _containers.RepeatedCompositeFieldContainer[AdminRule]
    sticky: bool
    def __init__(self, policy_id: _Optional[str] = ..., providers: _Optional[_Iterable[_Union[AdminProvider, _Mapping]]] = ..., sticky: bool = ..., rules: _Optional[_Iterable[_Union[AdminRule, _Mapping]]] = ...) -> None: ...

class AdminProvider(_message.Message):
    __slots__ = ["id", "weight"]
    ID_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    id: str
    weight: float
    def __init__(self, id: _Optional[str] = ..., weight: _Optional[float] = ...) -> None: ...

class AdminRule(_message.Message):
    __slots__ = ["fallback", "match", "prefer"]
    FALLBACK_FIELD_NUMBER: _ClassVar[int]
    MATCH_FIELD_NUMBER: _ClassVar[int]
    PREFER_FIELD_NUMBER: _ClassVar[int]
    fallback: str
    match: str
    prefer: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, match: _Optional[str] = ..., prefer: _Optional[_Iterable[str]] = ..., fallback: _Optional[str] = ...) -> None: ...

class DeletePolicyRequest(_message.Message):
    __slots__ = ["policy_id", "tenant_id"]
    POLICY_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    policy_id: str
    tenant_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., policy_id: _Optional[str] = ...) -> None: ...

class DeletePolicyResponse(_message.Message):
    __slots__ = ["ok"]
    OK_FIELD_NUMBER: _ClassVar[int]
    ok: bool
    def __init__(self, ok: bool = ...) -> None: ...

class GetPolicyRequest(_message.Message):
    __slots__ = ["policy_id", "tenant_id"]
    POLICY_ID_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    policy_id: str
    tenant_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., policy_id: _Optional[str] = ...) -> None: ...

class GetPolicyResponse(_message.Message):
    __slots__ = ["policy"]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    policy: AdminPolicy
    def __init__(self, policy: _Optional[_Union[AdminPolicy, _Mapping]] = ...) -> None: ...

class ListPoliciesRequest(_message.Message):
    __slots__ = ["tenant_id"]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    def __init__(self, tenant_id: _Optional[str] = ...) -> None: ...

class ListPoliciesResponse(_message.Message):
    __slots__ = ["policies"]
    POLICIES_FIELD_NUMBER: _ClassVar[int]
    policies: _containers.RepeatedCompositeFieldContainer[AdminPolicy]
    def __init__(self, policies: _Optional[_Iterable[_Union[AdminPolicy, _Mapping]]] = ...) -> None: ...

class Message(_message.Message):
    __slots__ = ["message_id", "message_type", "metadata", "payload", "tenant_id", "timestamp_ms", "trace_id"]
    class MetadataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_MS_FIELD_NUMBER: _ClassVar[int]
    TRACE_ID_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    message_type: str
    metadata: _containers.ScalarMap[str, str]
    payload: bytes
    tenant_id: str
    timestamp_ms: int
    trace_id: str
    def __init__(self, message_id: _Optional[str] = ..., tenant_id: _Optional[str] = ..., trace_id: _Optional[str] = ..., message_type: _Optional[str] = ..., payload: _Optional[bytes] = ..., metadata: _Optional[_Mapping[str, str]] = ..., timestamp_ms: _Optional[int] = ...) -> None: ...

class RouteDecision(_message.Message):
    __slots__ = ["expected_cost", "expected_latency_ms", "metadata", "priority", "provider_id", "reason"]
    class MetadataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    EXPECTED_COST_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    expected_cost: float
    expected_latency_ms: int
    metadata: _containers.ScalarMap[str, str]
    priority: int
    provider_id: str
    reason: str
    def __init__(self, provider_id: _Optional[str] = ..., reason: _Optional[str] = ..., priority: _Optional[int] = ..., expected_latency_ms: _Optional[int] = ..., expected_cost: _Optional[float] = ..., metadata: _Optional[_Mapping[str, str]] = ...) -> None: ...

class RouteRequest(_message.Message):
    __slots__ = ["context", "message", "policy_id"]
    class ContextEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    POLICY_ID_FIELD_NUMBER: _ClassVar[int]
    context: _containers.ScalarMap[str, str]
    message: Message
    policy_id: str
    def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ..., policy_id: _Optional[str] = ..., context: _Optional[_Mapping[str, str]] = ...) -> None: ...

class UpsertPolicyRequest(_message.Message):
    __slots__ = ["policy", "tenant_id"]
    POLICY_FIELD_NUMBER: _ClassVar[int]
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    policy: AdminPolicy
    tenant_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., policy: _Optional[_Union[AdminPolicy, _Mapping]] = ...) -> None: ...

class UpsertPolicyResponse(_message.Message):
    __slots__ = ["ok"]
    OK_FIELD_NUMBER: _ClassVar[int]
    ok: bool
    def __init__(self, ok: bool = ...) -> None: ...
