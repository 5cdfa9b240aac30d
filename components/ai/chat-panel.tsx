"use client";

import * as React from "react";
import { Bot, Send, Square, Trash2, User } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { MAX_CHAT_MESSAGE_CHARS, MAX_CHAT_MESSAGES, type AiQuota } from "@/lib/ai/schemas";
import { cn } from "@/lib/utils";

import { streamChat, type ApiFailure } from "./api";

type Message = { id: number; role: "user" | "assistant"; content: string; failed?: boolean };

const SUGGESTIONS = ["What is the trend and where are the key levels?", "What are the main risks right now?", "How exposed am I here?"];

export function ChatPanel({ symbol, onQuota }: { symbol: string; onQuota: (quota: AiQuota) => void }) {
  const [messages, setMessages] = React.useState<Message[]>([]);
  const [draft, setDraft] = React.useState("");
  const [useSymbol, setUseSymbol] = React.useState(true);
  const [streaming, setStreaming] = React.useState(false);
  const [error, setError] = React.useState<ApiFailure | null>(null);
  const [source, setSource] = React.useState<string | null>(null);
  const controllerRef = React.useRef<AbortController | null>(null);
  const nextId = React.useRef(1);
  const listRef = React.useRef<HTMLOListElement>(null);

  React.useEffect(() => () => controllerRef.current?.abort(), []);

  React.useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [messages]);

  async function send(text: string) {
    const question = text.trim();
    if (!question || streaming) return;
    const userMessage: Message = { id: nextId.current++, role: "user", content: question };
    const answerId = nextId.current++;
    // Earlier failed answers are not sent back as if the analyst had said them.
    const history = [...messages.filter((m) => !m.failed && m.content !== ""), userMessage].slice(-MAX_CHAT_MESSAGES);
    while (history.length > 0 && history[0]!.role !== "user") history.shift();
    setMessages((current) => [...current, userMessage, { id: answerId, role: "assistant", content: "" }]);
    setDraft("");
    setError(null);
    setStreaming(true);
    const controller = new AbortController();
    controllerRef.current = controller;
    const patchAnswer = (patch: (m: Message) => Message) => setMessages((current) => current.map((m) => (m.id === answerId ? patch(m) : m)));
    await streamChat(
      { messages: history.map(({ role, content }) => ({ role, content })), ...(useSymbol ? { symbol } : {}) },
      {
        onDelta: (delta) => patchAnswer((m) => ({ ...m, content: m.content + delta })),
        onDone: (done) => {
          setSource(done.source === "offline" ? "Offline analyst" : `Model: ${done.model ?? "AI"}`);
          onQuota(done.quota);
        },
        onError: (failure) => {
          setError(failure);
          patchAnswer((m) => ({ ...m, failed: true }));
        },
      },
      controller.signal,
    );
    if (controller.signal.aborted) patchAnswer((m) => ({ ...m, failed: m.content === "", content: m.content ? `${m.content} …(stopped)` : "" }));
    controllerRef.current = null;
    setStreaming(false);
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send(draft);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send(draft);
    }
  }

  return (
    <Card data-testid="ai-chat" className="min-w-0">
      <CardHeader className="gap-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <CardTitle as="h2" className="text-lg">
            Chat with the analyst
          </CardTitle>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              controllerRef.current?.abort();
              setMessages([]);
              setError(null);
            }}
            disabled={messages.length === 0}
            data-testid="ai-chat-clear"
          >
            <Trash2 aria-hidden="true" />
            New conversation
          </Button>
        </div>
        <CardDescription>
          It sees the market data and your own portfolios and open trades, nothing else.{source ? ` Last answer: ${source}.` : ""}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {messages.length === 0 ? (
          <div className="flex flex-wrap gap-2">
            {SUGGESTIONS.map((suggestion) => (
              <Button key={suggestion} variant="outline" size="sm" className="h-auto text-left whitespace-normal" onClick={() => void send(suggestion)} disabled={streaming}>
                {suggestion}
              </Button>
            ))}
          </div>
        ) : (
          <ol ref={listRef} className="flex max-h-[28rem] flex-col gap-3 overflow-y-auto" aria-live="polite" data-testid="ai-chat-messages">
            {messages.map((message) => (
              <li
                key={message.id}
                className={cn("flex gap-2", message.role === "user" ? "flex-row-reverse" : "")}
                data-testid={message.role === "user" ? "ai-chat-user" : "ai-chat-answer"}
                data-streaming={streaming && message.role === "assistant" && message.id === messages.at(-1)?.id ? "true" : "false"}
              >
                <span className="mt-1 flex size-7 shrink-0 items-center justify-center rounded-full bg-muted" aria-hidden="true">
                  {message.role === "user" ? <User className="size-4" /> : <Bot className="size-4" />}
                </span>
                <div
                  className={cn(
                    "max-w-[85%] rounded-lg px-3 py-2 text-sm whitespace-pre-wrap",
                    message.role === "user" ? "bg-primary text-primary-foreground" : "bg-muted",
                    message.failed ? "opacity-60" : "",
                  )}
                >
                  <span className="sr-only">{message.role === "user" ? "You: " : "Analyst: "}</span>
                  {message.content || (message.failed ? "No answer." : "…")}
                </div>
              </li>
            ))}
          </ol>
        )}
        {error ? (
          <p role="alert" className="text-sm text-down" data-testid="ai-chat-error" data-code={error.code}>
            {error.message}
            {error.retryAfterSeconds ? ` Try again in ${Math.ceil(error.retryAfterSeconds / 60)} min.` : ""}
          </p>
        ) : null}
        <form onSubmit={onSubmit} className="flex flex-col gap-2">
          <Label htmlFor="ai-chat-input" className="sr-only">
            Your question
          </Label>
          <Textarea
            id="ai-chat-input"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onKeyDown}
            maxLength={MAX_CHAT_MESSAGE_CHARS}
            rows={2}
            placeholder="Ask about the market, the levels or your position… (Enter sends, Shift+Enter adds a line)"
            data-testid="ai-chat-input"
          />
          <div className="flex flex-wrap items-center justify-between gap-2">
            <div className="flex items-center gap-2">
              <Switch id="ai-chat-symbol" checked={useSymbol} onCheckedChange={setUseSymbol} data-testid="ai-chat-use-symbol" />
              <Label htmlFor="ai-chat-symbol" className="text-sm font-normal">
                About {symbol}
              </Label>
            </div>
            {streaming ? (
              <Button type="button" variant="outline" onClick={() => controllerRef.current?.abort()} data-testid="ai-chat-stop">
                <Square aria-hidden="true" />
                Stop
              </Button>
            ) : (
              <Button type="submit" disabled={draft.trim() === ""} data-testid="ai-chat-send">
                <Send aria-hidden="true" />
                Send
              </Button>
            )}
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
