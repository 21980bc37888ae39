import ArgumentParser
import LodestarServer
print("x")
