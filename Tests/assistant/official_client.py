#!/usr/bin/env python3
"""Lodestar's MCP server seen through the official Python MCP client (`pip install mcp`), a client
nobody on this project wrote: over stdio (`lodestar mcp`) and over streamable HTTP (`/mcp`), it
initialises, lists the tools, asks the six executive questions and compares every figure with the
dashboard's (passed in as JSON), reads a resource and gets a prompt. Exit status 0 means all held."""

import argparse
import asyncio
import json
import sys

from mcp import ClientSession, StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client

QUESTION_TOOLS = [
    "which_initiatives_to_prioritise", "biggest_resource_constraints", "why_projects_are_delayed",
    "most_critical_work", "outcomes_delivered", "where_leadership_should_focus",
]


class Mismatch(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Mismatch(message)


async def check(session: ClientSession, transport: str, dashboard: dict) -> None:
    initialised = await session.initialize()
    expect(initialised.server_info.name == "lodestar", f"{transport}: server is {initialised.server_info.name}")
    tools = {tool.name: tool for tool in (await session.list_tools()).tools}
    for name in QUESTION_TOOLS + ["search_portfolio", "run_what_if_scenario", "save_status_update"]:
        expect(name in tools, f"{transport}: tools/list lacks {name}")
    for index, name in enumerate(QUESTION_TOOLS):
        result = await session.call_tool(name, {})
        expect(not result.is_error, f"{transport}: {name} failed: {result.content}")
        answer = result.structured_content["answer"]
        expected = dashboard["answers"][index]
        for field in ("id", "figure", "headline", "detail"):
            expect(answer[field] == expected[field], f"{transport}: {name} {field} is {answer[field]!r}, the dashboard says {expected[field]!r}")
        # Over HTTP links are absolute, to the server the client reached.
        expect(answer["link"].endswith(expected["link"]), f"{transport}: {name} links to {answer['link']}")
        expect([bar["value"] for bar in answer["chart"]] == [bar["value"] for bar in expected["chart"]],
               f"{transport}: {name} chart differs from the dashboard's")
        expect(expected["headline"] in result.content[0].text, f"{transport}: {name} words lack the headline")
    refused = await session.call_tool("search_portfolio", {"query": 42})
    expect(refused.is_error and "query" in refused.content[0].text, f"{transport}: a bad argument was not refused clearly")
    resource = await session.read_resource("lodestar://reports/status/latest")
    expect("# Portfolio status report" in resource.contents[0].text, f"{transport}: the status report resource is not Markdown")
    prompt = await session.get_prompt("weekly_executive_briefing", {})
    expect(dashboard["answers"][5]["headline"] in prompt.messages[0].content.text, f"{transport}: the briefing prompt lacks live data")
    print(f"{transport}: {len(tools)} tools, six answers equal to the dashboard's")


async def over_stdio(args, dashboard):
    server = StdioServerParameters(
        command=args.lodestar, args=["mcp", "--database", args.database],
        env={"LODESTAR_TOKEN": args.token, "LOG_LEVEL": "warning"})
    async with stdio_client(server) as (read, write):
        async with ClientSession(read, write) as session:
            await check(session, "stdio", dashboard)


async def over_http(args, dashboard):
    client = create_mcp_http_client(headers={"Authorization": f"Bearer {args.token}"})
    async with client:
        async with streamable_http_client(args.url, http_client=client) as (read, write):
            async with ClientSession(read, write) as session:
                await check(session, "http", dashboard)


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lodestar", required=True, help="the lodestar executable")
    parser.add_argument("--database", required=True)
    parser.add_argument("--url", required=True, help="the app's /mcp endpoint")
    parser.add_argument("--token", required=True)
    parser.add_argument("--dashboard", required=True, help="a file holding GET /api/v1/dashboard")
    args = parser.parse_args()
    with open(args.dashboard) as file:
        dashboard = json.load(file)
    try:
        await over_stdio(args, dashboard)
        await over_http(args, dashboard)
    except Mismatch as mismatch:
        print(f"MISMATCH {mismatch}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
